package org.portico.web.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.portico.deeplink.token.ClockTicker;
import org.portico.deeplink.token.ReplayGuard;

/**
 * The {@link ReplayGuard} in the database ({@code portico_token_replay}): the first use of an id is one
 * {@code INSERT} that wins on the primary key, on any node and after any restart; a duplicate key is a replay.
 * Ids seen here are also kept in a small Caffeine cache until they expire, so a replay on this node is refused without
 * a database round trip (a first use always goes to the database). A database that cannot be written fails the
 * request, never lets an id through twice. Thread-safe; {@link #firstUse} is atomic across nodes.
 */
public final class DatabaseReplayGuard implements ReplayGuard {

    /** Most ids remembered in memory; an evicted one is still refused by the database. */
    static final long CACHE_SIZE = 100_000;

    private final TokenStateStore store;
    private final Cache<String, Instant> seen;

    public DatabaseReplayGuard(TokenStateStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        this.seen = Caffeine.newBuilder()
                .ticker(ClockTicker.of(clock))
                .maximumSize(CACHE_SIZE)
                .expireAfter(ClockTicker.<String>untilValue(clock))
                .build();
    }

    @Override
    public boolean firstUse(String id, Instant rememberUntil) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rememberUntil, "rememberUntil");
        if (seen.getIfPresent(id) != null) {
            return false;
        }
        boolean first = store.markFirstUse(id, rememberUntil);
        seen.put(id, rememberUntil);
        return first;
    }
}
