package org.portico.cdn.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a signed URL made now expires: its lifetime from now, rounded up to the end of a bucket. Every URL of a
 * resource signed within one bucket is the same string, so a browser or a CDN that cached it serves it again instead
 * of fetching a new URL on every page view. A URL lives at least {@code lifetime} and less than
 * {@code lifetime + bucket}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lifetime how long a URL lives at least: whole seconds, PT1S to P7D
 * @param bucket   the rounding: whole seconds, PT1S up to the lifetime
 */
public record ExpiryBuckets(Duration lifetime, Duration bucket) {

    /** The longest lifetime: signed URLs are for viewing now, not for keeping. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);

    /**
     * @throws IllegalArgumentException for a lifetime or bucket outside the ranges above
     */
    public ExpiryBuckets {
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(bucket, "bucket");
        if (lifetime.getNano() != 0 || lifetime.compareTo(Duration.ofSeconds(1)) < 0
                || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("the lifetime must be whole seconds between PT1S and " + MAX_LIFETIME
                    + ", such as PT10M, got '" + lifetime + "'");
        }
        if (bucket.getNano() != 0 || bucket.compareTo(Duration.ofSeconds(1)) < 0 || bucket.compareTo(lifetime) > 0) {
            throw new IllegalArgumentException("the bucket must be whole seconds between PT1S and the lifetime ("
                    + lifetime + "), such as PT5M, got '" + bucket + "'");
        }
    }

    /** The expiry of a URL signed at {@code now}: {@code now + lifetime}, rounded up to a multiple of the bucket. */
    public Instant expiresAt(Instant now) {
        long end = now.getEpochSecond() + lifetime.getSeconds() + (now.getNano() > 0 ? 1 : 0);
        long size = bucket.getSeconds();
        return Instant.ofEpochSecond(-Math.floorDiv(-end, size) * size);
    }
}
