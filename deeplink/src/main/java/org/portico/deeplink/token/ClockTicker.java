package org.portico.deeplink.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(K key, Instant until, long currentTime) {
                return Math.max(0, Duration.between(clock.instant(), until).toNanos());
            }

            @Override
            public long expireAfterUpdate(K key, Instant until, long currentTime, long currentDuration) {
                return expireAfterCreate(key, until, currentTime);
            }

            @Override
            public long expireAfterRead(K key, Instant until, long currentTime, long currentDuration) {
                return currentDuration;
            }
        };
    }
}
