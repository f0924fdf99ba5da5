package org.portico.deeplink.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Caffeine time from a {@link Clock}, so cache expiry follows the injected clock (and a test's fake clock). Shared by
 * the in-memory token state here and its database-backed caches in the portal. Stateless and thread-safe.
 */
public final class ClockTicker {

    /** Longest an entry is kept, however far away its instant: a century, well inside Caffeine's nanosecond range. */
    private static final Duration LONGEST = Duration.ofDays(36_500);

    private ClockTicker() {
    }

    /** A ticker that reads {@code clock}. */
    public static Ticker of(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /** Each entry lives until the instant stored as its value. */
    public static <K> Expiry<K, Instant> untilValue(Clock clock) {
        return until(clock, Function.identity());
    }

    /** Each entry lives until the instant its value gives; reads do not extend it. */
    public static <K, V> Expiry<K, V> until(Clock clock, Function<? super V, Instant> expiry) {
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(K key, V value, long currentTime) {
                Duration left = Duration.between(clock.instant(), expiry.apply(value));
                return left.isNegative() ? 0 : left.compareTo(LONGEST) > 0 ? LONGEST.toNanos() : left.toNanos();
            }

            @Override
            public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
                return expireAfterCreate(key, value, currentTime);
            }

            @Override
            public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        };
    }
}
