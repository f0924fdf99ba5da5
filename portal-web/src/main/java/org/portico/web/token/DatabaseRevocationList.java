package org.portico.web.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import org.portico.deeplink.token.ClockTicker;
import org.portico.deeplink.token.RevocationList;

/**
 * The {@link RevocationList} in the database ({@code portico_token_revocation}), so a logout survives a restart and
 * counts on every node, with a Caffeine cache in front that keeps token verification off the database:
 * <ul>
 * <li>"revoked" answers are cached until the revocation ends: a revocation never comes undone;</li>
 * <li>"not revoked" answers are cached for {@link #NOT_REVOKED_FOR} only, and forgotten ({@link #forgetNotRevoked})
 * when any node stores a revocation: a logout on another node is seen here within a second (the change-marker poll),
 * at the latest {@code NOT_REVOKED_FOR} after it was stored should polling fail. A revocation made on this node is
 * seen here at once.</li>
 * </ul>
 * One database read per session or token id and {@link #NOT_REVOKED_FOR} at most, loaded once however many requests
 * ask at the same moment. A database that cannot be read fails the verification (the caller answers with an error),
 * never lets a token through. Time comes from the injected {@link Clock}. Thread-safe.
 */
public final class DatabaseRevocationList implements RevocationList {

    /** How long a "not revoked" answer is reused: the longest a revocation on another node goes unseen here. */
    public static final Duration NOT_REVOKED_FOR = Duration.ofSeconds(2);

    /** Most answers cached; an evicted answer is read again. */
    static final long CACHE_SIZE = 200_000;

    /** The cached "not revoked" answer. */
    private static final Instant NOT_REVOKED = Instant.EPOCH;

    private final TokenStateStore store;
    private final Clock clock;
    private final LoadingCache<String, Instant> answers;

    public DatabaseRevocationList(TokenStateStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.answers = Caffeine.newBuilder()
                .ticker(ClockTicker.of(clock))
                .maximumSize(CACHE_SIZE)
                // a "not revoked" answer for NOT_REVOKED_FOR, a revocation until it ends
                .expireAfter(ClockTicker.<String, Instant>until(clock,
                        until -> until.equals(NOT_REVOKED) ? clock.instant().plus(NOT_REVOKED_FOR) : until))
                .build(key -> store.revokedUntil(key, clock.instant()).orElse(NOT_REVOKED));
    }

    @Override
    public void revokeSession(String sessionId, Instant until) {
        revoke("sid:" + Objects.requireNonNull(sessionId, "sessionId"), until);
    }

    @Override
    public void revokeToken(String jwtId, Instant until) {
        revoke("jti:" + Objects.requireNonNull(jwtId, "jwtId"), until);
    }

    private void revoke(String key, Instant until) {
        Objects.requireNonNull(until, "until");
        store.revoke(key, until);
        answers.asMap().merge(key, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * Forgets every cached "not revoked" answer (a revocation was stored, maybe on another node); "revoked" answers
     * stay, they never come undone. One pass over the cache, once per poll with revocations at most.
     */
    public void forgetNotRevoked() {
        answers.asMap().values().removeIf(NOT_REVOKED::equals);
    }

    @Override
    public boolean isRevoked(String sessionId, String jwtId) {
        return sessionId != null && revoked("sid:" + sessionId) || jwtId != null && revoked("jti:" + jwtId);
    }

    private boolean revoked(String key) {
        Instant until = answers.get(key);
        return !until.equals(NOT_REVOKED) && until.isAfter(clock.instant());
    }
}
