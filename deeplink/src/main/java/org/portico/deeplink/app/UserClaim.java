package org.portico.deeplink.app;

/**
 * A user claim that an app may be allowed to receive in its access tokens. Identity claims that every token carries
 * ({@code sub}, {@code sid}) are not listed: they are not optional.
 */
public enum UserClaim {
    /** {@code name}: the user's display name. */
    NAME("name"),
    /** {@code email}: the user's e-mail address. */
    EMAIL("email"),
    /** {@code roles}: the user's Portico roles, as a JSON array of strings. */
    ROLES("roles");

    private final String claimName;

    UserClaim(String claimName) {
        this.claimName = claimName;
    }

    /** The JWT claim name. */
    public String claimName() {
        return claimName;
    }
}
