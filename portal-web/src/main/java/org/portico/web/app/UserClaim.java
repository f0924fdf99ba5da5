package org.portico.web.app;

import java.util.Arrays;
import java.util.Optional;

/**
 * The user claims an app may receive in its tokens, by the claim name the token carries: the deeplink library's
 * {@link org.portico.deeplink.app.UserClaim} with a label for pages. {@link #toDeeplink()} and {@link #of} convert
 * between the two.
 */
public enum UserClaim {

    NAME(org.portico.deeplink.app.UserClaim.NAME, "Name"),
    EMAIL(org.portico.deeplink.app.UserClaim.EMAIL, "E-mail"),
    ROLES(org.portico.deeplink.app.UserClaim.ROLES, "Roles");

    private final org.portico.deeplink.app.UserClaim claim;
    private final String label;

    UserClaim(org.portico.deeplink.app.UserClaim claim, String label) {
        this.claim = claim;
        this.label = label;
    }

    /** The JWT claim name, also what the database and the REST API use. */
    public String claimName() {
        return claim.claimName();
    }

    public String label() {
        return label;
    }

    /** The same claim as the deeplink library knows it. */
    public org.portico.deeplink.app.UserClaim toDeeplink() {
        return claim;
    }

    /** The same claim as Portico's web layer knows it. */
    public static UserClaim of(org.portico.deeplink.app.UserClaim claim) {
        return Arrays.stream(values()).filter(value -> value.claim == claim).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown claim " + claim));
    }

    public static Optional<UserClaim> findByName(String claimName) {
        return Arrays.stream(values()).filter(value -> value.claimName().equals(claimName)).findFirst();
    }
}
