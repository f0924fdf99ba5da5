package org.portico.web.view.page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkWindow;
import org.portico.web.link.OutboundLinks;
import org.portico.web.page.Widget;
import org.portico.web.security.CurrentUser;
import org.portico.web.security.SessionIds;
import org.portico.web.tile.DataTiles;
import org.portico.web.tile.TileItem;
import org.portico.web.tile.TileUnavailableException;

/**
 * {@code #{dataTile}}: the body of a data tile ({@code WEB-INF/widgets/data-tile.xhtml}). The page itself never asks
 * for it: the tile's deferred panel does, in an Ajax request after the page has loaded, so a slow app delays only its
 * own tile. Each item becomes a deep link to the tile's route with the item's id as {@code param}, built by
 * {@link OutboundLinks} exactly as following it will check it; an id the route does not accept is shown without a
 * link. Answers are kept for the request, so the tile's several expressions fetch once; "Retry" is a new request.
 */
@Named("dataTile")
@RequestScoped
public class DataTileView {

    /** What a tile shows. */
    public enum State { ITEMS, EMPTY, UNAVAILABLE, GUEST }

    /** One item as the page renders it: {@code href} null when the id does not fit the route. */
    public record Item(String title, String subtitle, Instant date, boolean dateOnly, String href, boolean newTab) {
    }

    /** The tile's body. */
    public record Body(State state, List<Item> items) {
    }

    @Inject
    DataTiles tiles;

    @Inject
    OutboundLinks links;

    @Inject
    CurrentUser currentUser;

    @Inject
    HttpServletRequest request;

    private final Map<String, Body> bodies = new HashMap<>();

    /** The body of the tile, fetched (or taken from the cache) once per request. */
    public Body of(Widget widget) {
        return bodies.computeIfAbsent(widget.id(), id -> load(widget));
    }

    private Body load(Widget widget) {
        if (!currentUser.isLoggedIn()) {
            return new Body(State.GUEST, List.of());
        }
        List<TileItem> fetched;
        try {
            fetched = tiles.items(widget.id(), widget.settings(), currentUser.identity(),
                    SessionIds.sid(request.getSession()));
        } catch (TileUnavailableException e) {
            return new Body(State.UNAVAILABLE, List.of());
        }
        if (fetched.isEmpty()) {
            return new Body(State.EMPTY, List.of());
        }
        String routeName = widget.settings().getString("route", null);
        String param = widget.settings().getString("param", null);
        LinkRoute route = links.find(routeName).orElse(null);
        List<Item> items = new ArrayList<>();
        for (TileItem item : fetched) {
            items.add(new Item(item.title(), item.subtitle(), item.date(), item.dateOnly(),
                    href(route, param, item.id()), route != null && route.window() == LinkWindow.NEW_TAB));
        }
        return new Body(State.ITEMS, List.copyOf(items));
    }

    /** The link, or null: no route any more, a one-time route (never minted for a list), or an id it refuses. */
    private String href(LinkRoute route, String param, String id) {
        if (route == null || route.oneTime()) {
            return null;
        }
        try {
            return request.getContextPath()
                    + links.build(route.name(), Map.of(param, id), currentUser.getUsername(), null).path();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
