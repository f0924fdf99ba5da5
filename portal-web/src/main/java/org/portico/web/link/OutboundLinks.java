package org.portico.web.link;

import java.lang.reflect.Array;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.portico.deeplink.link.BoundLink;
import org.portico.deeplink.link.InvalidParameterException;
import org.portico.deeplink.link.LinkBinder;
import org.portico.deeplink.link.LinkRequest;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkRoutes;
import org.portico.deeplink.link.LinkText;
import org.portico.deeplink.link.RouteParameter;

/**
 * Builds links to routes for pages, the REST API and the admin screens: the context-relative {@code /link/…}
 * address, checked exactly as following it will check it, and for a one-time route with a freshly minted ticket.
 * Thread-safe.
 */
@ApplicationScoped
public class OutboundLinks {

    @Inject
    LinkRoutes routes;

    @Inject
    LinkTickets tickets;

    /**
     * A link ready to be rendered.
     *
     * @param path      the context-relative address, e.g. {@code /link/invoice/42}
     * @param route     the route
     * @param params    the normalised parameters
     * @param ticket    the minted ticket of a one-time route, or null
     * @param expiresAt until when the ticket can be redeemed, or null
     */
    public record Built(String path, LinkRoute route, Map<String, String> params, String ticket,
                        java.time.Instant expiresAt) {
    }

    /** The route if it exists (enabled or not). */
    public Optional<LinkRoute> find(String route) {
        return route == null ? Optional.empty() : routes.find(route);
    }

    /**
     * Builds a link.
     *
     * @param routeName the route
     * @param params    null (no parameters); a {@link Map} of name → value; a {@link List}, array or single value
     *                  filling the parameters in their declared order
     * @param username  for one-time routes: the only user who may redeem the ticket, or null for whoever may follow
     *                  the route
     * @param lifetime  for one-time routes: how long the ticket lives, or null for the default
     * @throws IllegalArgumentException when there is no such route, or a value is not accepted (saying which)
     */
    public Built build(String routeName, Object params, String username, Duration lifetime) {
        LinkRoute route = find(routeName).orElseThrow(() -> new IllegalArgumentException("There is no link route '"
                + routeName + "'"));
        Map<String, String> values = values(route, params);
        String path = LinkRequest.pathFor(route, values, null);
        int query = path.indexOf('?');
        BoundLink bound = LinkBinder.bind(route, LinkRequest.parse(query < 0 ? path : path.substring(0, query),
                query < 0 ? null : path.substring(query + 1)));
        if (!route.oneTime()) {
            return new Built(LinkRequest.pathFor(route, bound.params(), null), route, bound.params(), null, null);
        }
        LinkTickets.Minted minted = tickets.mint(route, bound.params(), username, lifetime);
        return new Built(LinkRequest.pathFor(route, bound.params(), minted.ticket()), route, bound.params(),
                minted.ticket(), minted.expiresAt());
    }

    private static Map<String, String> values(LinkRoute route, Object params) {
        Map<String, String> values = new LinkedHashMap<>();
        if (params == null) {
            return values;
        }
        if (params instanceof Map<?, ?> named) {
            named.forEach((name, value) -> {
                if (route.parameter(String.valueOf(name)).isEmpty()) {
                    throw new InvalidParameterException(String.valueOf(name), LinkText.NOT_A_PARAMETER_OF_ROUTE,
                            route.name());
                }
                if (value != null) {
                    values.put(String.valueOf(name), String.valueOf(value));
                }
            });
            return values;
        }
        List<?> positional = params instanceof Collection<?> c ? List.copyOf(c)
                : params.getClass().isArray() ? arrayToList(params) : List.of(params);
        List<RouteParameter> declared = route.parameters();
        if (positional.size() > declared.size()) {
            throw new IllegalArgumentException("Route '" + route.name() + "' takes " + declared.size()
                    + " parameters, got " + positional.size());
        }
        for (int i = 0; i < positional.size(); i++) {
            values.put(declared.get(i).name(), String.valueOf(positional.get(i)));
        }
        return values;
    }

    private static List<Object> arrayToList(Object array) {
        Object[] items = new Object[Array.getLength(array)];
        for (int i = 0; i < items.length; i++) {
            items[i] = Array.get(array, i);
        }
        return List.of(items);
    }
}
