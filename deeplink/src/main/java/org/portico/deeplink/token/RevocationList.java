package org.portico.deeplink.token;

import java.time.Instant;

/**
 * SPI: tokens revoked before they expire, by session ({@code sid}: logout revokes every token of the session,
 * including exchanged ones, which keep the {@code sid}) or by token ({@code jti}).
 *
 * <p>Portico's own verification (token exchange, introspection) consults it; apps that verify tokens offline with the
 * JWKS cannot, which is why tokens are short-lived. Entries are needed only until every affected token has expired:
 * pass {@code now + SigningKeysConfig.retirementGrace()} (the longest token lifetime plus clock skew) as
 * {@code until}.
 *
 * <p>One node: {@link InMemoryRevocationList}; a cluster needs a shared store. Implementations must be thread-safe.
 */
public interface RevocationList {

    /** Revokes every token of the session {@code sessionId} until {@code until}. */
    void revokeSession(String sessionId, Instant until);

    /** Revokes the token {@code jwtId} until {@code until}. */
    void revokeToken(String jwtId, Instant until);

    /** Whether the session or the token is revoked; either argument may be null. */
    boolean isRevoked(String sessionId, String jwtId);
}
