package org.portico.deeplink.token;

import java.time.Instant;
import java.util.Objects;

import org.portico.deeplink.app.AppRegistration;

/**
 * What an access token is to say: for which user and app, requested by which client in which session, optionally on
 * behalf of an {@link Actor} and no longer than a given instant.
 *
 * <p>Immutable and thread-safe.
 *
 * @param user      the user ({@code sub} and the claims the app may receive)
 * @param app       the audience: its {@code audience}, lifetime and allowed claims apply
 * @param clientId  {@code client_id}: the app that asked for the token (for the browser session: the target app)
 * @param sessionId {@code sid}: the Portico session
 * @param actor     the {@code act} claim, or null
 * @param notAfter  the latest {@code exp} allowed (an exchanged token never outlives its subject token), or null
 */
public record AccessTokenRequest(UserIdentity user, AppRegistration app, String clientId, String sessionId,
                                 Actor actor, Instant notAfter) {

    public AccessTokenRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** A request without actor and without an upper bound on the lifetime. */
    public static AccessTokenRequest of(UserIdentity user, AppRegistration app, String clientId, String sessionId) {
        return new AccessTokenRequest(user, app, clientId, sessionId, null, null);
    }

    /** A copy with {@code act}. */
    public AccessTokenRequest withActor(Actor actor) {
        return new AccessTokenRequest(user, app, clientId, sessionId, actor, notAfter);
    }

    /** A copy whose token expires no later than {@code latest}. */
    public AccessTokenRequest notAfter(Instant latest) {
        return new AccessTokenRequest(user, app, clientId, sessionId, actor, latest);
    }
}
