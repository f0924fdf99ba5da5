package org.portico.web.apitoken;

import java.time.Instant;

/**
 * An API token as its owner sees it in the list: never the token itself (shown once, when made).
 *
 * @param lastUsed  when it was last used (noted at most once a minute); null when never used
 * @param revokedAt null unless revoked
 */
public record ApiToken(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsed, Instant revokedAt) {

    /** Whether it still lets its owner in at {@code now}. */
    public boolean live(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
