package org.portico.deeplink.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/** Caffeine time from a {@link Clock}, so expiry follows the injected clock in tests. */
final class ClockTicker {

    private ClockTicker() {
    }

    static Ticker of(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /** Each entry lives until the instant stored as its value. */
    static <K> Expiry<K, Instant> untilValue(Clock clock) {
        return until(clock, Function.identity());
    }

    /** Each entry lives until the instant its value gives; reads do not extend it. */
    static <K, V> Expiry<K, V> until(Clock clock, Function<? super V, Instant> expiry) {
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(K key, V value, long currentTime) {
                return Math.max(0, Duration.between(clock.instant(), expiry.apply(value)).toNanos());
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
