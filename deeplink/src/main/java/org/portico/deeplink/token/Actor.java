package org.portico.deeplink.token;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code act} claim of RFC 8693 section 4.1: who acts on the user's behalf. A chain of delegations nests: the
 * current actor is outermost, the earliest one innermost ({@link #previous()}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param subject  the actor's {@code sub}
 * @param clientId the actor's {@code client_id}, or null
 * @param previous the actor before this one, or null
 */
public record Actor(String subject, String clientId, Actor previous) {

    /** Longest delegation chain accepted; deeper {@code act} claims are rejected as malformed. */
    public static final int MAX_DEPTH = 8;

    /** @throws IllegalArgumentException when the subject is missing or the chain is deeper than {@link #MAX_DEPTH} */
    public Actor {
        Objects.requireNonNull(subject, "subject");
        if (previous != null && previous.depth() >= MAX_DEPTH) {
            throw new IllegalArgumentException("delegation chain longer than " + MAX_DEPTH);
        }
    }

    /** Number of actors in this chain, this one included. */
    public int depth() {
        return previous == null ? 1 : 1 + previous.depth();
    }

    /** The actor before this one, if any. */
    public Optional<Actor> findPrevious() {
        return Optional.ofNullable(previous);
    }

    /** The JSON object of the {@code act} claim. */
    public Map<String, Object> toClaim() {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("sub", subject);
        if (clientId != null) {
            claim.put(TokenClaims.CLIENT_ID, clientId);
        }
        if (previous != null) {
            claim.put(TokenClaims.ACT, previous.toClaim());
        }
        return claim;
    }

    /** The actor of an {@code act} claim, or empty when it is absent or not a well-formed chain. */
    static Optional<Actor> fromClaim(Object claim) {
        return fromClaim(claim, 0);
    }

    private static Optional<Actor> fromClaim(Object claim, int depth) {
        if (!(claim instanceof Map<?, ?> map) || depth >= MAX_DEPTH || !(map.get("sub") instanceof String sub)) {
            return Optional.empty();
        }
        Object clientId = map.get(TokenClaims.CLIENT_ID);
        if (clientId != null && !(clientId instanceof String)) {
            return Optional.empty();
        }
        Actor previous = null;
        if (map.get(TokenClaims.ACT) != null) {
            Optional<Actor> inner = fromClaim(map.get(TokenClaims.ACT), depth + 1);
            if (inner.isEmpty()) {
                return Optional.empty();
            }
            previous = inner.get();
        }
        return Optional.of(new Actor(sub, (String) clientId, previous));
    }
}
