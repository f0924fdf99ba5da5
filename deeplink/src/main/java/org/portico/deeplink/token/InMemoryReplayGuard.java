package org.portico.deeplink.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A {@link ReplayGuard} in this JVM's memory (Caffeine), for a single node and for tests. Entries expire with the
 * injected {@link Clock}.
 *
 * <p>Bounded: beyond {@code maximumSize} entries the oldest are evicted, and a token evicted before it expires could be
 * replayed once. Size it above the number of single-use tokens that can be alive at once (token rate × lifetime).
 *
 * <p>Thread-safe; {@link #firstUse} is atomic.
 */
public final class InMemoryReplayGuard implements ReplayGuard {

    private final Cache<String, Instant> seen;

    /** @param maximumSize most identifiers remembered at once, e.g. 1,000,000 (about 150 MB at worst) */
    public InMemoryReplayGuard(Clock clock, long maximumSize) {
        Objects.requireNonNull(clock, "clock");
        this.seen = Caffeine.newBuilder()
                .ticker(ClockTicker.of(clock))
                .expireAfter(ClockTicker.<String>untilValue(clock))
                .maximumSize(maximumSize)
                .build();
    }

    @Override
    public boolean firstUse(String id, Instant rememberUntil) {
        return seen.asMap().putIfAbsent(Objects.requireNonNull(id), Objects.requireNonNull(rememberUntil)) == null;
    }
}
