package org.portico.web.link;

import java.time.Instant;
import java.util.Objects;

import org.portico.deeplink.link.LinkOutcome;

/**
 * CDI event fired once for every deep-link resolution, whatever its outcome. Link following fires it on the request
 * thread; the link analytics observe it and record it off the request path.
 *
 * @param at       when the link was resolved (from the injected clock)
 * @param route    the route name as requested, cut to 64 characters (may name no route: {@link LinkOutcome#UNKNOWN_ROUTE})
 * @param outcome  how it ended
 * @param appId    the target app's id, or {@code null} for a Portico page or when no route was found
 * @param username the user who followed it, or {@code null} for a guest
 */
public record LinkResolved(Instant at, String route, LinkOutcome outcome, String appId, String username) {

    /** Longest route name kept; longer requested names are cut (they cannot name a route anyway). */
    public static final int MAX_ROUTE = 64;

    public LinkResolved {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        route = route == null ? "" : route.length() > MAX_ROUTE ? route.substring(0, MAX_ROUTE) : route;
    }
}
