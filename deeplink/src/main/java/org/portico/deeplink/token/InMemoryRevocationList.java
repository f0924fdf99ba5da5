package org.portico.deeplink.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A {@link RevocationList} in this JVM's memory (Caffeine), for a single node and for tests; entries expire with the
 * injected {@link Clock}. Thread-safe.
 */
public final class InMemoryRevocationList implements RevocationList {

    private final Cache<String, Instant> sessions;
    private final Cache<String, Instant> tokens;

    public InMemoryRevocationList(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        this.sessions = Caffeine.newBuilder().ticker(ClockTicker.of(clock))
                .expireAfter(ClockTicker.<String>untilValue(clock)).build();
        this.tokens = Caffeine.newBuilder().ticker(ClockTicker.of(clock))
                .expireAfter(ClockTicker.<String>untilValue(clock)).build();
    }

    @Override
    public void revokeSession(String sessionId, Instant until) {
        sessions.asMap().merge(Objects.requireNonNull(sessionId), until, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public void revokeToken(String jwtId, Instant until) {
        tokens.asMap().merge(Objects.requireNonNull(jwtId), until, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public boolean isRevoked(String sessionId, String jwtId) {
        return sessionId != null && sessions.getIfPresent(sessionId) != null
                || jwtId != null && tokens.getIfPresent(jwtId) != null;
    }
}
