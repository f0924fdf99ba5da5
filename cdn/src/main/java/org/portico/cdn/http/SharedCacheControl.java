package org.portico.cdn.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code Cache-Control} of a response that a shared cache (a CDN, Varnish) may keep until it is purged while
 * browsers revalidate it every time: {@code public, max-age=0, s-maxage=N} (RFC 9111 sections 5.2.2.1 and 5.2.2.10).
 * For pages under a stable URL whose content changes: the CDN serves them and forgets them on a purge by tag, a
 * browser never holds a copy that a purge cannot reach.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sharedMaxAge how long a shared cache may serve it without asking, whole seconds, 1 s to one year
 */
public record SharedCacheControl(Duration sharedMaxAge) {

    /**
     * @throws IllegalArgumentException when the lifetime is not whole seconds between 1 s and one year
     */
    public SharedCacheControl {
        Objects.requireNonNull(sharedMaxAge, "sharedMaxAge");
        if (sharedMaxAge.compareTo(Duration.ofSeconds(1)) < 0 || sharedMaxAge.compareTo(CacheControl.ONE_YEAR) > 0
                || sharedMaxAge.getNano() != 0) {
            throw new IllegalArgumentException("s-maxage must be whole seconds between PT1S and " + CacheControl.ONE_YEAR
                    + ", got '" + sharedMaxAge + "'");
        }
    }

    /** The header value, e.g. {@code public, max-age=0, s-maxage=600}. */
    public String toHeaderValue() {
        return "public, max-age=0, s-maxage=" + sharedMaxAge.toSeconds();
    }

    @Override
    public String toString() {
        return toHeaderValue();
    }
}
