package org.portico.web.tile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.token.UserIdentity;
import org.portico.web.link.OutboundLinks;
import org.portico.web.page.Widget;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * What a data tile shows a user: its items from {@link DataTiles}, each as a deep link to the tile's route with the
 * item's id as the route's parameter, built by {@link OutboundLinks} exactly as following it will check it. An id the
 * route does not accept, a route gone or one-time (tickets are minted on a click, never for a list) gives the item
 * without a link. Whatever goes wrong with the app is {@link State#UNAVAILABLE}, never an exception.
 *
 * <p>The page never waits for this: it shows the body the cache holds ({@link #ready}), else the tile's placeholder,
 * and {@code js/tile.js} asks {@code GET /api/tiles/{widgetId}} ({@code rest.DataTileResource}) after the page has
 * loaded.
 */
@ApplicationScoped
public class DataTileBodies {

    /** What a tile shows. */
    public enum State { ITEMS, EMPTY, UNAVAILABLE }

    /** One item: {@code href} (context-relative, starting with {@code /link/}) null when the id does not fit the route. */
    public record Item(String title, String subtitle, Instant date, boolean dateOnly, String href, boolean newTab) {
    }

    /** The tile's body. */
    public record Body(State state, List<Item> items) {
    }

    /** A body built from an answer of the cache, by the answer's identity (weak: gone with the answer). */
    private record Built(LinkRoute route, String param, Body body) {
    }

    private final Cache<List<TileItem>, Built> built = Caffeine.newBuilder().weakKeys().build();
    /** A body's markup per language and context path, by the body's identity (weak: gone with the body). */
    private final Cache<Body, Map<String, String>> html = Caffeine.newBuilder().weakKeys().build();

    @Inject
    DataTiles tiles;

    @Inject
    OutboundLinks links;

    /**
     * The tile's body for this user, when the app has answered or the fetch gave up; never a failure. The route is
     * looked up here, in the caller's thread; the rest runs where the answer completes.
     *
     * @param widget    a data tile the user may see
     * @param sessionId the session the app's token is bound to ({@code sid})
     */
    public CompletionStage<Body> of(Widget widget, UserIdentity user, String sessionId) {
        LinkRoute route = route(widget);
        return tiles.items(widget.id(), widget.settings(), user, sessionId)
                .handle((fetched, failure) -> failure != null ? new Body(State.UNAVAILABLE, List.of())
                        : body(fetched, route, param(widget)));
    }

    /**
     * What the page can show of the tile at once: the app's answer when the cache holds it (fresh, or stale while one
     * refresh runs), else "unavailable" while the app is failing (found down by its last fetch, or its circuit open:
     * the browser's request would only wait for the app's timeout), with a trial fetch started behind the page unless
     * the circuit is open; empty when the tile must be asked for after the page. Never waits for the app.
     */
    public Optional<Body> ready(Widget widget, UserIdentity user, String sessionId) {
        Optional<Body> cached = tiles.ready(widget.id(), widget.settings(), user, sessionId)
                .map(fetched -> body(fetched, route(widget), param(widget)));
        if (cached.isEmpty() && tiles.failing(widget.settings())) {
            tiles.tryAgain(widget.id(), widget.settings(), user, sessionId);
            return Optional.of(new Body(State.UNAVAILABLE, List.of()));
        }
        return cached;
    }

    /** The tile's route, if it still exists. */
    private LinkRoute route(Widget widget) {
        return links.find(widget.settings().getString("route", null)).orElse(null);
    }

    private static String param(Widget widget) {
        return widget.settings().getString("param", null);
    }

    /** The body's markup for the page ({@link TileHtml}), rendered once per body, language and context path. */
    public String html(Body body, Locale locale, String contextPath) {
        return html.get(body, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(locale.toLanguageTag() + ' ' + contextPath, key -> TileHtml.of(body, locale, contextPath));
    }

    /**
     * The body of this answer: built once per answer the cache holds (and again when the route changed), not on every
     * page view — its links are the same for everyone who may see the tile.
     */
    private Body body(List<TileItem> fetched, LinkRoute route, String param) {
        Built known = built.getIfPresent(fetched);
        if (known != null && Objects.equals(known.route(), route) && Objects.equals(known.param(), param)) {
            return known.body();
        }
        Body body = build(fetched, route, param);
        built.put(fetched, new Built(route, param, body));
        return body;
    }

    private Body build(List<TileItem> fetched, LinkRoute route, String param) {
        if (fetched.isEmpty()) {
            return new Body(State.EMPTY, List.of());
        }
        boolean newTab = route != null && route.window() == LinkWindow.NEW_TAB;
        List<Item> items = new ArrayList<>(fetched.size());
        for (TileItem item : fetched) {
            items.add(new Item(item.title(), item.subtitle(), item.date(), item.dateOnly(),
                    href(route, param, item.id()), newTab));
        }
        return new Body(State.ITEMS, List.copyOf(items));
    }

    private String href(LinkRoute route, String param, String id) {
        if (route == null || route.oneTime() || param == null) {
            return null;
        }
        try {
            return links.build(route.name(), Map.of(param, id), null, null).path();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
