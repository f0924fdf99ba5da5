package org.portico.demoapp.verify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A link token whose signature, type, issuer, audience and lifetime have been verified: what Portico vouches for
 * about the user and the place the link leads to. Immutable.
 *
 * @param subject   {@code sub}: the user's username at Portico
 * @param name      {@code name}, when the app may receive it
 * @param email     {@code email}, when the app may receive it
 * @param roles     {@code roles}; empty when the app may not receive them
 * @param route     {@code route}: the name of the Portico link route that was followed
 * @param params    {@code params}: the route's parameters, name to value, in the token's order
 * @param jwtId     {@code jti}: unique per token (an app that must not accept a link twice remembers it until {@code exp})
 * @param issuedAt  {@code iat}
 * @param expiresAt {@code exp}
 * @param issuer    {@code iss}
 * @param audience  {@code aud}
 * @param keyId     {@code kid} of the Portico key that signed it
 * @param algorithm {@code alg}: ES256, RS256 or EdDSA
 */
public record LinkToken(String subject, Optional<String> name, Optional<String> email, List<String> roles,
                        String route, Map<String, String> params, String jwtId, Instant issuedAt, Instant expiresAt,
                        String issuer, List<String> audience, String keyId, String algorithm) {

    public LinkToken {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(route, "route");
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
        // Map.copyOf would lose the order the link's parameters came in.
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
