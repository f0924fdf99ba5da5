package org.portico.web.app;

import java.util.Arrays;
import java.util.Optional;

/** The user claims an app may receive in its tokens, by the claim name the token carries. */
public enum UserClaim {

    NAME("name", "Name"),
    EMAIL("email", "E-mail"),
    ROLES("roles", "Roles");

    private final String claimName;
    private final String label;

    UserClaim(String claimName, String label) {
        this.claimName = claimName;
        this.label = label;
    }

    /** The JWT claim name, also what the database and the REST API use. */
    public String claimName() {
        return claimName;
    }

    public String label() {
        return label;
    }

    public static Optional<UserClaim> findByName(String claimName) {
        return Arrays.stream(values()).filter(claim -> claim.claimName.equals(claimName)).findFirst();
    }
}
