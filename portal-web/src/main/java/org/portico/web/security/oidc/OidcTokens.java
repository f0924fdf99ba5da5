package org.portico.web.security.oidc;

import java.util.Map;
import java.util.Optional;

/**
 * A completed login at the provider: the validated ID token and the claims about the user (those of the ID token,
 * plus those of the user info endpoint where the ID token does not have them).
 *
 * @param idToken the ID token as received, kept for {@code id_token_hint} at logout
 */
public record OidcTokens(String idToken, String issuer, String subject, Map<String, Object> claims) {

    public OidcTokens {
        claims = Map.copyOf(claims);
    }

    /** A claim that is a non-blank string, trimmed. */
    public Optional<String> findClaim(String name) {
        return claims.get(name) instanceof String value && !value.isBlank()
                ? Optional.of(value.strip())
                : Optional.empty();
    }

    @Override
    public String toString() {
        return "OidcTokens[issuer=" + issuer + ", subject=" + subject + ", claims=" + claims.keySet() + "]";
    }
}
