package org.portico.demoapp.verify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Portico access token (RFC 9068) whose signature, type, issuer, audience and lifetime have been verified: the
 * user Portico vouches for, with the claims this app may receive. Immutable.
 *
 * @param subject   {@code sub}: the user's username at Portico
 * @param name      {@code name}, when the app may receive it
 * @param email     {@code email}, when the app may receive it
 * @param roles     {@code roles}; empty when the app may not receive them
 * @param clientId  {@code client_id}: the client the token was issued to (the app itself, for a pane's token)
 * @param jwtId     {@code jti}: unique per token
 * @param issuedAt  {@code iat}
 * @param expiresAt {@code exp}
 * @param issuer    {@code iss}
 * @param audience  {@code aud}
 * @param keyId     {@code kid} of the Portico key that signed it
 * @param algorithm {@code alg}: ES256, RS256 or EdDSA
 */
public record AccessToken(String subject, Optional<String> name, Optional<String> email, List<String> roles,
                          String clientId, String jwtId, Instant issuedAt, Instant expiresAt, String issuer,
                          List<String> audience, String keyId, String algorithm) {

    public AccessToken {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(jwtId, "jwtId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        name = Objects.requireNonNullElse(name, Optional.empty());
        email = Objects.requireNonNullElse(email, Optional.empty());
        roles = List.copyOf(roles);
        audience = List.copyOf(audience);
    }
}
