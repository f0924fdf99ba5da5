package org.portico.deeplink.token;

import java.time.Instant;

/**
 * SPI: remembers single-use identifiers ({@code jti} of actor tokens and client assertions) until they could no longer
 * be accepted anyway, so a second use is detected.
 *
 * <p>One node: {@link InMemoryReplayGuard}. A cluster needs one shared store (an Infinispan replicated cache with
 * {@code putIfAbsent}, or a database table with a unique key) so that a replay on another node is caught too.
 * Implementations must be thread-safe and atomic: of two concurrent calls with the same id, exactly one answers true.
 */
public interface ReplayGuard {

    /**
     * Records {@code id} and tells whether this is its first use.
     *
     * @param id            the identifier, namespaced by the caller (e.g. {@code "actor:" + jti})
     * @param rememberUntil until when it must be remembered: the token's {@code exp} plus the clock skew
     * @return true the first time, false for every later call before {@code rememberUntil}
     */
    boolean firstUse(String id, Instant rememberUntil);
}
