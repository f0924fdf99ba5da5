package org.portico.deeplink.link;

import java.time.Instant;
import java.util.Objects;

/**
 * An issued link token: the compact JWS and what the issuer put in it. Immutable; {@link #toString()} hides the value.
 *
 * @param value     the compact JWS
 * @param jwtId     its {@code jti}
 * @param audience  its {@code aud}: the target app's audience
 * @param issuedAt  its {@code iat}
 * @param expiresAt its {@code exp}
 */
public record LinkToken(String value, String jwtId, String audience, Instant issuedAt, Instant expiresAt) {

    public LinkToken {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "LinkToken[jti=" + jwtId + ", aud=" + audience + ", exp=" + expiresAt + "]";
    }
}
