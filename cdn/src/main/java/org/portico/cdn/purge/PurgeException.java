package org.portico.cdn.purge;

import java.time.Duration;
import java.util.Optional;

/**
 * A purge (or a connection check) that the CDN did not accept. The message is for a site admin: what was tried and
 * what the CDN said, never a credential.
 */
public class PurgeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final transient Duration retryAfter;

    /**
     * @param retryable  whether the same purge may succeed later (unreachable, timeout, 429, 5xx), as opposed to a
     *                   refusal that needs an admin (401, 403, 404 of the service, a request the CDN calls invalid)
     * @param retryAfter how long the CDN asked to wait (its {@code Retry-After} or rate-limit reset), null when it did
     *                   not say
     */
    public PurgeException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public PurgeException(String message, boolean retryable) {
        this(message, retryable, null, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
