package org.portico.deeplink.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts failed attempts per key (a username, a client id, a client address, each with a prefix of its kind) and locks
 * a key that failed too often: after {@code freeAttempts} failures within the window the key is locked, first for the
 * first lock, doubling with every further failure up to the maximum lock. Failures older than the window are
 * forgotten unless the key is locked.
 *
 * <p>Two ways to use it:
 * <ul>
 *   <li>check and record: {@link #lockedFor} before the work, {@link #failed} after a failure. Concurrent requests
 *   can all pass the check before the first failure is recorded; fine where the work is cheap or must not be limited
 *   per key (an app's many parallel token exchanges).</li>
 *   <li>{@link #reserve}: an atomic check-and-reserve. Attempts in flight count like failures until they end, so of
 *   any number of concurrent attempts at most the free attempts left go through to the work
 *   ({@link Reservation#failed()}, {@link Reservation#succeeded()} or {@link Reservation#release()} ends each).
 *   A reservation that is never ended (its node died) counts for nothing after {@link #IN_FLIGHT_FOR}.</li>
 * </ul>
 *
 * <p>The counts live in a {@link ThrottleStore}: in memory per node ({@link InMemoryThrottleStore}, bounded, see
 * there), or shared by the nodes of a cluster, where every change is one atomic update of the key across all nodes,
 * so failures on any node count everywhere and no two nodes hand out the same free attempt.
 *
 * <p>Thread-safe. Time comes from the given {@link Clock}, so tests advance a fake clock instead of sleeping.
 */
public final class FailureThrottle {

    /** How long a reservation counts at most: far longer than any password check, short enough to outlive a crash. */
    public static final Duration IN_FLIGHT_FOR = Duration.ofMinutes(1);

    private final Clock clock;
    private final Duration window;
    private final Duration firstLock;
    private final Duration maxLock;
    private final ThrottleStore states;

    /**
     * A throttle with its counts in memory ({@link InMemoryThrottleStore}), each key kept for the window plus the
     * maximum lock after its last change.
     *
     * @param clock       the time source
     * @param window      how long failures are counted
     * @param firstLock   the lock after the last free attempt
     * @param maxLock     the longest lock
     * @param maximumKeys the most keys kept at once
     * @throws IllegalArgumentException for a non-positive duration or size
     */
    public FailureThrottle(Clock clock, Duration window, Duration firstLock, Duration maxLock, long maximumKeys) {
        this(clock, window, firstLock, maxLock,
                new InMemoryThrottleStore(clock, positive(window, "window").plus(positive(maxLock, "maxLock")),
                        maximumKeys));
    }

    /**
     * A throttle with its counts in {@code store} (e.g. a database shared by all nodes).
     *
     * @throws IllegalArgumentException for a non-positive duration
     */
    public FailureThrottle(Clock clock, Duration window, Duration firstLock, Duration maxLock, ThrottleStore store) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = positive(window, "window");
        this.firstLock = positive(firstLock, "firstLock");
        this.maxLock = positive(maxLock, "maxLock");
        this.states = Objects.requireNonNull(store, "store");
    }

    private static Duration positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + duration);
        }
        return duration;
    }

    /** How long the key must still wait; empty when it is not locked. */
    public Optional<Duration> lockedFor(String key) {
        Instant now = clock.instant();
        return states.find(key).filter(state -> state.isLocked(now))
                .map(state -> Duration.between(now, state.lockedUntil()));
    }

    /** Records a failure of the key; the {@code freeAttempts}-th failure within the window locks it. */
    public void failed(String key, int freeAttempts) {
        Instant now = clock.instant();
        states.update(key, state -> fail(fresh(state, now), now, freeAttempts, 0));
    }

    /** Forgets the key's failures (after a success); attempts in flight stay counted. */
    public void clear(String key) {
        Instant now = clock.instant();
        states.update(key, current -> {
            if (current == null) {
                return null;
            }
            ThrottleState state = fresh(current, now);
            return state.inFlight() == 0 ? null : state(0, state.inFlight(), now, null, state.inFlightUntil());
        });
    }

    /**
     * Atomically reserves an attempt for the key: granted when the key is not locked and its failures plus the
     * attempts in flight are fewer than {@code freeAttempts}.
     *
     * @return the reservation, or empty when the attempt must not be made now (see {@link #lockedFor}, or wait for
     *         the attempts in flight)
     */
    public Optional<Reservation> reserve(String key, int freeAttempts) {
        Instant now = clock.instant();
        boolean[] granted = {false};
        states.update(key, current -> {
            ThrottleState state = fresh(current, now);
            if (state.isLocked(now) || state.failures() + state.inFlight() >= freeAttempts) {
                granted[0] = false; // assigned on every call: a store may apply the change more than once
                return current == null ? null : state;
            }
            granted[0] = true;
            return state(state.failures(), state.inFlight() + 1, state.firstAt(), state.lockedUntil(),
                    now.plus(IN_FLIGHT_FOR));
        });
        return granted[0] ? Optional.of(new Reservation(key, freeAttempts)) : Optional.empty();
    }

    /**
     * Starts afresh when the window has passed and the key is not locked; keeps the attempts in flight, unless they
     * are older than {@link #IN_FLIGHT_FOR}.
     */
    private ThrottleState fresh(ThrottleState state, Instant now) {
        if (state == null) {
            return state(0, 0, now, null, null);
        }
        if (state.inFlight() > 0 && state.inFlightUntil() != null && !state.inFlightUntil().isAfter(now)) {
            state = state(state.failures(), 0, state.firstAt(), state.lockedUntil(), null);
        }
        if (state.firstAt().plus(window).isBefore(now) && !state.isLocked(now)) {
            return state(0, state.inFlight(), now, null, state.inFlightUntil());
        }
        return state;
    }

    private ThrottleState fail(ThrottleState state, Instant now, int freeAttempts, int endedInFlight) {
        int count = state.failures() + 1;
        int inFlight = Math.max(0, state.inFlight() - endedInFlight);
        Instant inFlightUntil = inFlight == 0 ? null : state.inFlightUntil();
        if (count < freeAttempts) {
            return state(count, inFlight, state.firstAt(), state.lockedUntil(), inFlightUntil);
        }
        Duration lock = firstLock.multipliedBy(1L << Math.min(count - freeAttempts, 20));
        return state(count, inFlight, state.firstAt(), now.plus(lock.compareTo(maxLock) > 0 ? maxLock : lock),
                inFlightUntil);
    }

    /** A state that may be dropped once its window, its lock and its reservations have ended. */
    private ThrottleState state(int failures, int inFlight, Instant firstAt, Instant lockedUntil,
                                Instant inFlightUntil) {
        Instant expires = firstAt.plus(window);
        if (lockedUntil != null && lockedUntil.isAfter(expires)) {
            expires = lockedUntil;
        }
        if (inFlightUntil != null && inFlightUntil.isAfter(expires)) {
            expires = inFlightUntil;
        }
        return new ThrottleState(failures, inFlight, firstAt, lockedUntil, inFlightUntil, expires);
    }

    private void endInFlight(String key) {
        Instant now = clock.instant();
        states.update(key, state -> {
            if (state == null) {
                return null;
            }
            int inFlight = Math.max(0, state.inFlight() - 1);
            if (inFlight == 0 && state.failures() == 0 && !state.isLocked(now)) {
                return null; // nothing left to remember: a store keeps no row for an attempt that counted for nothing
            }
            return state(state.failures(), inFlight, state.firstAt(), state.lockedUntil(),
                    inFlight == 0 ? null : state.inFlightUntil());
        });
    }

    /**
     * One reserved attempt; end it exactly once. Further calls after the first do nothing. Thread-safe.
     */
    public final class Reservation {

        private final String key;
        private final int freeAttempts;
        private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

        private Reservation(String key, int freeAttempts) {
            this.key = key;
            this.freeAttempts = freeAttempts;
        }

        /** The attempt failed: it counts as a failure, which may lock the key. */
        public void failed() {
            if (ended.compareAndSet(false, true)) {
                Instant now = clock.instant();
                states.update(key, state -> fail(fresh(state, now), now, freeAttempts, 1));
            }
        }

        /** The attempt succeeded: the key's failures are forgotten. */
        public void succeeded() {
            if (ended.compareAndSet(false, true)) {
                endInFlight(key);
                clear(key);
            }
        }

        /** The attempt was not made after all (or its outcome says nothing about the key): it counts for nothing. */
        public void release() {
            if (ended.compareAndSet(false, true)) {
                endInFlight(key);
            }
        }
    }
}
