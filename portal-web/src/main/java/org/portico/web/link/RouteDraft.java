package org.portico.web.link;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.link.InvalidRouteException;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteProblem;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.link.TokenPlacement;

/**
 * A route as the site admin typed it (form, REST body or import file), not yet checked: the same values as a
 * {@link LinkRoute}, any of them possibly missing or wrong. {@link RouteService} checks a draft as a whole — the
 * route's own rules and those that need data — so that every problem is reported at once.
 *
 * <p>Collections are copied on the way in; {@code null} stays {@code null} (and is reported by {@link #problems()}).
 */
public record RouteDraft(String name, String description, List<RouteParameter> parameters, RouteTarget target,
                         boolean guestsAllowed, Set<String> roles, boolean enabled, Instant validFrom,
                         Instant validUntil, LinkWindow window, boolean oneTime, Duration tokenLifetime,
                         Set<UserClaim> claims, TokenPlacement tokenPlacement) {

    public RouteDraft {
        parameters = parameters == null ? null : new ArrayList<>(parameters).stream().toList();
        roles = roles == null ? null : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(roles));
        claims = claims == null ? null : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(claims));
    }

    /** The draft of an existing route, for edits and for callers that already hold a valid route. */
    public static RouteDraft of(LinkRoute route) {
        return new RouteDraft(route.name(), route.description(), route.parameters(), route.target(),
                route.guestsAllowed(), route.roles(), route.enabled(), route.validFrom(), route.validUntil(),
                route.window(), route.oneTime(), route.tokenLifetime(), route.claims(), route.tokenPlacement());
    }

    /** The problems {@link LinkRoute} itself finds (no data needed); empty when {@link #build()} succeeds. */
    public List<RouteProblem> problems() {
        try {
            build();
            return List.of();
        } catch (InvalidRouteException e) {
            return e.problems();
        }
    }

    /** @throws InvalidRouteException listing every problem of the route's own rules */
    public LinkRoute build() {
        return new LinkRoute(name, description, parameters, target, guestsAllowed, roles, enabled, validFrom,
                validUntil, window, oneTime, tokenLifetime, claims, tokenPlacement);
    }
}
