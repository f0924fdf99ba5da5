package org.portico.web.cdn;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a purge that failed is tried again: exponential backoff with full jitter (AWS Architecture Blog, "Exponential
 * Backoff And Jitter"): after the <i>n</i>th failed attempt, a delay drawn evenly from zero to
 * {@code min(cap, base × 2^(n-1))}, so the nodes and targets that failed together do not retry together. A CDN that
 * said how long to wait ({@code Retry-After}) is not asked before that, at most {@link #MAX_RETRY_AFTER} ahead.
 *
 * <p>Thread-safe; the random source is given (seeded in tests, so every delay is known exactly).
 */
final class PurgeBackoff {

    /** The ceiling of the first retry's delay. */
    static final Duration BASE = Duration.ofSeconds(1);
    /** The highest ceiling: a CDN that stays down is asked at least this often. */
    static final Duration CAP = Duration.ofMinutes(10);
    /** The longest {@code Retry-After} honoured: a CDN asking for a day is asked again in an hour. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final long baseMillis;
    private final long capMillis;
    private final RandomGenerator random;

    PurgeBackoff(Duration base, Duration cap, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("the backoff needs 0 < base <= cap, got " + base + " and " + cap);
        }
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The ceiling of the delay after {@code failures} failed attempts (at least 1): {@code min(cap, base × 2^(n-1))}. */
    Duration ceiling(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        int doublings = Math.min(failures - 1, 62);
        long ceiling = baseMillis > (capMillis >> doublings) ? capMillis : Math.min(capMillis, baseMillis << doublings);
        return Duration.ofMillis(ceiling);
    }

    /**
     * The delay before the next attempt after {@code failures} failed ones.
     *
     * @param retryAfter how long the CDN asked to wait, if it said
     */
    Duration delay(int failures, Optional<Duration> retryAfter) {
        long ceiling = ceiling(failures).toMillis();
        long jittered;
        synchronized (random) {
            jittered = random.nextLong(ceiling + 1);
        }
        long asked = retryAfter.filter(wait -> !wait.isNegative())
                .map(wait -> Math.min(wait.toMillis(), MAX_RETRY_AFTER.toMillis())).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, asked));
    }

    /** After a refusal that needs an admin (a wrong credential): asked again only at the cap, or when retried now. */
    Duration afterRefusal() {
        return Duration.ofMillis(capMillis);
    }
}
