package org.portico.web.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.portico.deeplink.throttle.FailureThrottle;
import org.portico.deeplink.throttle.ThrottleStore;

/**
 * Slows down password guessing. Failed logins are counted per username and per client address; after the free
 * attempts within {@link #WINDOW} the username (or address) is locked, first for {@link #FIRST_LOCK}, doubling
 * with every further failure up to {@link #MAX_LOCK}. An address gets many more free attempts than a username
 * ({@value #ADDRESS_FREE_ATTEMPTS} vs {@value #USER_FREE_ATTEMPTS}), because many honest people can share one
 * address behind a proxy, while one username under attack should be protected quickly.
 * A successful login clears the username's count.
 * <p>
 * {@link #tryAttempt} checks and reserves in one atomic step: an attempt in flight counts like a failure until it
 * ends, so of any number of concurrent wrong passwords for one username at most {@value #USER_FREE_ATTEMPTS} reach
 * the password check (checking first and recording afterwards let all of them through before the first failure was
 * recorded). The counts live in a {@link ThrottleStore}: in the database all nodes share
 * ({@link DatabaseThrottleStore}, what the portal uses), so failures on any node count on every node, a lock holds on
 * every node, and of concurrent attempts on several nodes no more than the free ones reach a password check; or in
 * memory for tests. A reservation whose node died counts for nothing after {@link FailureThrottle#IN_FLIGHT_FOR}.
 * <p>
 * Thread-safe. Time comes from the given {@link Clock}, so tests advance a fake clock instead of sleeping.
 */
public final class LoginThrottle {

    public static final int USER_FREE_ATTEMPTS = 5;
    public static final int ADDRESS_FREE_ATTEMPTS = 50;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    public static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private final FailureThrottle failures;

    /** A throttle with its counts in this node's memory (for tests and single-node use). */
    public LoginThrottle(Clock clock) {
        this.failures = new FailureThrottle(clock, WINDOW, FIRST_LOCK, MAX_LOCK, 100_000);
    }

    /** A throttle with its counts in {@code store}; a database store makes it cluster-wide. */
    public LoginThrottle(Clock clock, ThrottleStore store) {
        this.failures = new FailureThrottle(clock, WINDOW, FIRST_LOCK, MAX_LOCK, store);
    }

    /** The outcome of {@link #tryAttempt}: a {@link Permit} to check the password, or {@link Refused}. */
    public sealed interface Attempt permits Permit, Refused {
    }

    /**
     * The attempt may check the password; end it with exactly one of {@link #failed()}, {@link #succeeded()} or
     * {@link #release()} (in a {@code finally}: release does nothing after the others).
     */
    public static final class Permit implements Attempt {

        private final FailureThrottle.Reservation user;
        private final FailureThrottle.Reservation address;

        private Permit(FailureThrottle.Reservation user, FailureThrottle.Reservation address) {
            this.user = user;
            this.address = address;
        }

        /** The password was wrong (or the user unknown): counts for the username and the address. */
        public void failed() {
            user.failed();
            address.failed();
        }

        /** The login succeeded: the username's failures are forgotten; the address keeps its count. */
        public void succeeded() {
            user.succeeded();
            address.release();
        }

        /** The password was not checked after all: counts for nothing. */
        public void release() {
            user.release();
            address.release();
        }
    }

    /**
     * The attempt must not be made now: the username or the address is locked, or as many attempts as are still
     * free are in flight.
     *
     * @param waitFor how long to wait before trying again
     */
    public record Refused(Duration waitFor) implements Attempt {
    }

    /** Atomically checks the username and the address and reserves an attempt for both, or refuses. */
    public Attempt tryAttempt(String username, String address) {
        Optional<FailureThrottle.Reservation> user = failures.reserve(userKey(username), USER_FREE_ATTEMPTS);
        if (user.isEmpty()) {
            return refused(username, address);
        }
        Optional<FailureThrottle.Reservation> addr = failures.reserve(addressKey(address), ADDRESS_FREE_ATTEMPTS);
        if (addr.isEmpty()) {
            user.get().release();
            return refused(username, address);
        }
        return new Permit(user.get(), addr.get());
    }

    /** Locked: as long as the lock lasts; only busy with attempts in flight: the first lock, which they may cause. */
    private Refused refused(String username, String address) {
        return new Refused(lockedFor(username, address).orElse(FIRST_LOCK));
    }

    /** How long this username, or this address, must still wait before the next attempt; empty if neither is locked. */
    public Optional<Duration> lockedFor(String username, String address) {
        Duration user = failures.lockedFor(userKey(username)).orElse(Duration.ZERO);
        Duration addr = failures.lockedFor(addressKey(address)).orElse(Duration.ZERO);
        Duration longest = user.compareTo(addr) >= 0 ? user : addr;
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** Records a failed attempt for the username and for the address. */
    public void failed(String username, String address) {
        failures.failed(userKey(username), USER_FREE_ATTEMPTS);
        failures.failed(addressKey(address), ADDRESS_FREE_ATTEMPTS);
    }

    /** Forgets the failures of the username, after a successful login. The address keeps its count. */
    public void succeeded(String username) {
        failures.clear(userKey(username));
    }

    private static String userKey(String username) {
        return "user:" + username;
    }

    private static String addressKey(String address) {
        return "addr:" + address;
    }
}
