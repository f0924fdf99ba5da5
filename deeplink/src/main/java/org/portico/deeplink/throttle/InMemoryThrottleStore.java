package org.portico.deeplink.throttle;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A {@link ThrottleStore} in this JVM's memory: counts are per node and forgotten by a restart.
 *
 * <p>Bounded: at most {@code maximumKeys} keys are kept (Caffeine evicts the least useful beyond that), each for
 * {@code keepFor} after its last change. An attacker who floods it with random keys can evict older counts, which only
 * ever lifts a lock early; it never locks anyone out and never grows without limit. Thread-safe.
 */
public final class InMemoryThrottleStore implements ThrottleStore {

    private final Cache<String, ThrottleState> states;

    /**
     * @param clock       the time source of the expiry
     * @param keepFor     how long a key is kept after its last change
     * @param maximumKeys the most keys kept at once
     * @throws IllegalArgumentException for a size below 1
     */
    public InMemoryThrottleStore(Clock clock, Duration keepFor, long maximumKeys) {
        Objects.requireNonNull(clock, "clock");
        if (maximumKeys < 1) {
            throw new IllegalArgumentException("maximumKeys must be at least 1, got " + maximumKeys);
        }
        this.states = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(keepFor)
                .maximumSize(maximumKeys)
                .executor(Runnable::run) // evict on the caller's thread: the bound holds at once
                .build();
    }

    @Override
    public Optional<ThrottleState> find(String key) {
        return Optional.ofNullable(states.getIfPresent(key));
    }

    @Override
    public Optional<ThrottleState> update(String key, UnaryOperator<ThrottleState> change) {
        return Optional.ofNullable(states.asMap().compute(key, (k, state) -> change.apply(state)));
    }
}
