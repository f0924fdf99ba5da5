package org.portico.deeplink.token;

import java.time.Duration;
import java.time.Instant;

/**
 * An issued access token.
 *
 * <p>Immutable and thread-safe. {@link #toString()} leaves out the token itself, so it can be logged.
 *
 * @param value     the compact JWS, to hand to the client
 * @param jwtId     its {@code jti}
 * @param audience  its {@code aud}
 * @param issuedAt  its {@code iat}
 * @param expiresAt its {@code exp}
 */
public record AccessToken(String value, String jwtId, String audience, Instant issuedAt, Instant expiresAt) {

    /** Seconds from issue to expiry: the {@code expires_in} of a token response. */
    public long expiresIn() {
        return Duration.between(issuedAt, expiresAt).toSeconds();
    }

    @Override
    public String toString() {
        return "AccessToken[jti=" + jwtId + ", aud=" + audience + ", exp=" + expiresAt + "]";
    }
}
