package org.portico.web.tile;

import java.util.Objects;

import org.portico.deeplink.token.UserIdentity;

/**
 * One tile for one user in one session: what the fetch needs and what the cache keys on. The session's token id is
 * part of it, so a cached answer never outlives the login that fetched it and every token Portico sends carries the
 * {@code sid} that logout revokes; settings are part of it, so an edited tile is fetched anew. Immutable.
 *
 * @param widgetId  the widget
 * @param settings  its settings
 * @param user      the user, as Portico's tokens describe them
 * @param sessionId the session's token id ({@code sid})
 */
public record TileRequest(String widgetId, DataTileSettings settings, UserIdentity user, String sessionId) {

    public TileRequest {
        Objects.requireNonNull(widgetId, "widgetId");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** For log lines: widget and app, never the user's data. */
    @Override
    public String toString() {
        return "data tile " + widgetId + " of app " + settings.app();
    }
}
