package org.portico.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Slows down password guessing. Failed logins are counted per key (the username, and separately the client
 * address); after {@link #FREE_ATTEMPTS} failures within {@link #WINDOW} the key is locked, first for
 * {@link #FIRST_LOCK}, doubling with every further failure up to {@link #MAX_LOCK}. A successful login clears
 * the username's count. Counts are held in memory per node: a restart or another node starts afresh, which
 * slows an attacker as much as it needs to without ever locking a user out for good.
 * <p>
 * Thread-safe. Time comes from the given {@link Clock}, so tests advance a fake clock instead of sleeping.
 */
public final class LoginThrottle {

    public static final int FREE_ATTEMPTS = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    public static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private record Failures(int count, Instant firstAt, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Cache<String, Failures> failures;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .ticker(ticker(clock))
                .expireAfterWrite(WINDOW.plus(MAX_LOCK).toNanos(), TimeUnit.NANOSECONDS)
                .maximumSize(100_000)
                .build();
    }

    private static Ticker ticker(Clock clock) {
        return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }

    /** How long the given keys must still wait before the next attempt, if any of them is locked. */
    public Optional<Duration> lockedFor(String... keys) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Failures state = failures.getIfPresent(key);
            if (state != null && state.lockedUntil() != null && state.lockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, state.lockedUntil());
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** Records a failed attempt for each key. */
    public void failed(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            failures.asMap().compute(key, (k, state) -> next(state, now));
        }
    }

    private static Failures next(Failures state, Instant now) {
        if (state == null || state.firstAt().plus(WINDOW).isBefore(now) && !isLocked(state, now)) {
            return new Failures(1, now, null);
        }
        int count = state.count() + 1;
        if (count < FREE_ATTEMPTS) {
            return new Failures(count, state.firstAt(), null);
        }
        int doublings = Math.min(count - FREE_ATTEMPTS, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return new Failures(count, state.firstAt(), now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock));
    }

    private static boolean isLocked(Failures state, Instant now) {
        return state.lockedUntil() != null && state.lockedUntil().isAfter(now);
    }

    /** Forgets the failures of the given key, after a successful login. */
    public void succeeded(String key) {
        failures.invalidate(key);
    }
}
