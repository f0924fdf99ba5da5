package org.portico.deeplink.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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
 *   ({@link Reservation#failed()}, {@link Reservation#succeeded()} or {@link Reservation#release()} ends each).</li>
 * </ul>
 *
 * <p>Memory is bounded: at most {@code maximumKeys} keys are kept (Caffeine evicts the least useful beyond that), each
 * for the window plus the maximum lock after its last change. An attacker who floods it with random keys can evict
 * older counts, which only ever lifts a lock early; it never locks anyone out and never grows without limit.
 *
 * <p>Thread-safe. Time comes from the given {@link Clock}, so tests advance a fake clock instead of sleeping.
 */
public final class FailureThrottle {

    private record State(int count, int inFlight, Instant firstAt, Instant lockedUntil) {

        boolean isLocked(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    private final Clock clock;
    private final Duration window;
    private final Duration firstLock;
    private final Duration maxLock;
    private final Cache<String, State> states;

    /**
     * @param clock       the time source
     * @param window      how long failures are counted
     * @param firstLock   the lock after the last free attempt
     * @param maxLock     the longest lock
     * @param maximumKeys the most keys kept at once
     * @throws IllegalArgumentException for a non-positive duration or size
     */
    public FailureThrottle(Clock clock, Duration window, Duration firstLock, Duration maxLock, long maximumKeys) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = positive(window, "window");
        this.firstLock = positive(firstLock, "firstLock");
        this.maxLock = positive(maxLock, "maxLock");
        if (maximumKeys < 1) {
            throw new IllegalArgumentException("maximumKeys must be at least 1, got " + maximumKeys);
        }
        this.states = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(window.plus(maxLock))
                .maximumSize(maximumKeys)
                .executor(Runnable::run) // evict on the caller's thread: the bound holds at once
                .build();
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
        State state = states.getIfPresent(key);
        return state != null && state.isLocked(now) ? Optional.of(Duration.between(now, state.lockedUntil()))
                : Optional.empty();
    }

    /** Records a failure of the key; the {@code freeAttempts}-th failure within the window locks it. */
    public void failed(String key, int freeAttempts) {
        Instant now = clock.instant();
        states.asMap().compute(key, (k, state) -> fail(fresh(state, now), now, freeAttempts, 0));
    }

    /** Forgets the key's failures (after a success); attempts in flight stay counted. */
    public void clear(String key) {
        states.asMap().computeIfPresent(key, (k, state) -> state.inFlight() == 0 ? null
                : new State(0, state.inFlight(), clock.instant(), null));
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
        states.asMap().compute(key, (k, current) -> {
            State state = fresh(current, now);
            if (state.isLocked(now) || state.count() + state.inFlight() >= freeAttempts) {
                return current == null ? null : state;
            }
            granted[0] = true;
            return new State(state.count(), state.inFlight() + 1, state.firstAt(), state.lockedUntil());
        });
        return granted[0] ? Optional.of(new Reservation(key, freeAttempts)) : Optional.empty();
    }

    /** Starts afresh when the window has passed and the key is not locked; keeps the attempts in flight. */
    private State fresh(State state, Instant now) {
        if (state == null) {
            return new State(0, 0, now, null);
        }
        if (state.firstAt().plus(window).isBefore(now) && !state.isLocked(now)) {
            return new State(0, state.inFlight(), now, null);
        }
        return state;
    }

    private State fail(State state, Instant now, int freeAttempts, int endedInFlight) {
        int count = state.count() + 1;
        int inFlight = Math.max(0, state.inFlight() - endedInFlight);
        if (count < freeAttempts) {
            return new State(count, inFlight, state.firstAt(), state.lockedUntil());
        }
        Duration lock = firstLock.multipliedBy(1L << Math.min(count - freeAttempts, 20));
        return new State(count, inFlight, state.firstAt(), now.plus(lock.compareTo(maxLock) > 0 ? maxLock : lock));
    }

    private void endInFlight(String key) {
        states.asMap().computeIfPresent(key, (k, state) -> new State(state.count(), Math.max(0, state.inFlight() - 1),
                state.firstAt(), state.lockedUntil()));
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
                states.asMap().compute(key, (k, state) -> fail(fresh(state, now), now, freeAttempts, 1));
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
