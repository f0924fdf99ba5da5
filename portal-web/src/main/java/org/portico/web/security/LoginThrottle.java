package org.portico.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Slows down password guessing. Failed logins are counted per username and per client address; after the free
 * attempts within {@link #WINDOW} the username (or address) is locked, first for {@link #FIRST_LOCK}, doubling
 * with every further failure up to {@link #MAX_LOCK}. An address gets many more free attempts than a username
 * ({@value #ADDRESS_FREE_ATTEMPTS} vs {@value #USER_FREE_ATTEMPTS}), because many honest people can share one
 * address behind a proxy, while one username under attack should be protected quickly.
 * A successful login clears the username's count. Counts are held in memory per node: a restart or another node
 * starts afresh, which slows an attacker as much as needed without ever locking a user out for good.
 * <p>
 * Thread-safe. Time comes from the given {@link Clock}, so tests advance a fake clock instead of sleeping.
 */
public final class LoginThrottle {

    public static final int USER_FREE_ATTEMPTS = 5;
    public static final int ADDRESS_FREE_ATTEMPTS = 50;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    public static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private record Failures(int count, Instant firstAt, Instant lockedUntil) {

        boolean isLocked(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    private final Clock clock;
    private final Cache<String, Failures> failures;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(WINDOW.plus(MAX_LOCK))
                .maximumSize(100_000)
                .build();
    }

    /** How long this username, or this address, must still wait before the next attempt; empty if neither is locked. */
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Duration user = remaining(userKey(username), now);
        Duration addr = remaining(addressKey(address), now);
        Duration longest = user.compareTo(addr) >= 0 ? user : addr;
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    private Duration remaining(String key, Instant now) {
        Failures state = failures.getIfPresent(key);
        return state != null && state.isLocked(now) ? Duration.between(now, state.lockedUntil()) : Duration.ZERO;
    }

    /** Records a failed attempt for the username and for the address. */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        failures.asMap().compute(userKey(username), (key, state) -> next(state, now, USER_FREE_ATTEMPTS));
        failures.asMap().compute(addressKey(address), (key, state) -> next(state, now, ADDRESS_FREE_ATTEMPTS));
    }

    /** Forgets the failures of the username, after a successful login. The address keeps its count. */
    public void succeeded(String username) {
        failures.invalidate(userKey(username));
    }

    private static Failures next(Failures state, Instant now, int freeAttempts) {
        if (state == null || state.firstAt().plus(WINDOW).isBefore(now) && !state.isLocked(now)) {
            return new Failures(1, now, null);
        }
        int count = state.count() + 1;
        if (count < freeAttempts) {
            return new Failures(count, state.firstAt(), null);
        }
        Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(count - freeAttempts, 10));
        return new Failures(count, state.firstAt(), now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock));
    }

    private static String userKey(String username) {
        return "user:" + username;
    }

    private static String addressKey(String address) {
        return "addr:" + address;
    }
}
