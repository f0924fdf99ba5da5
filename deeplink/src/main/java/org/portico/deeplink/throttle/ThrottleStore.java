package org.portico.deeplink.throttle;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a {@link FailureThrottle} keeps its counts: in memory per node ({@link InMemoryThrottleStore}), or in a
 * database shared by every node of a cluster (Portico's {@code DatabaseThrottleStore}), so that failures on any node
 * count everywhere and no two nodes hand out the same free attempt.
 *
 * <p>An implementation must be thread-safe, bounded (a stranger chooses the keys) and make {@link #update} atomic per
 * key across all its users.
 */
public interface ThrottleStore {

    /**
     * The key's state, if one is kept. May be a little stale (a cached answer of another node's change), never by
     * more than about a second.
     */
    Optional<ThrottleState> find(String key);

    /**
     * Atomically replaces the key's state with {@code change} applied to it: no other update of the key, on any node,
     * comes between the read and the write.
     *
     * @param change the new state from the current one ({@code null} when none is kept); returns {@code null} to
     *               drop the key. Free of side effects: it may be called more than once (a retried transaction).
     * @return the state kept now; empty when dropped, or when a full store could not keep a new key (see the
     *         implementation's bound)
     */
    Optional<ThrottleState> update(String key, UnaryOperator<ThrottleState> change);
}
