package org.portico.web.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Ticker;

/** Caffeine time from the injected {@link Clock}, so cache expiry follows a test's fake clock. */
final class ClockTickers {

    private ClockTickers() {
    }

    static Ticker of(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /** Nanoseconds from now until {@code until}, at least 0. */
    static long nanosUntil(Clock clock, Instant until) {
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative()) {
            return 0;
        }
        return left.compareTo(Duration.ofDays(36_500)) > 0 ? Duration.ofDays(36_500).toNanos() : left.toNanos();
    }
}
