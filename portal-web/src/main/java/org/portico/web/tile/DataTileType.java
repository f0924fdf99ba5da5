package org.portico.web.tile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.portico.cdn.tag.CacheTag;
import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.web.edge.PorticoTags;
import org.portico.web.link.OutboundLinks;
import org.portico.web.page.WidgetKind;
import org.portico.web.page.WidgetType;
import org.portico.web.problem.FieldMessage;

/**
 * The data tile kind: the last items of an app's REST API, each a deep link. {@link #check} reports every problem of
 * the settings at once, each under its key: the form ({@link DataTileSettings#read}), then what needs data — the app
 * exists and is enabled, the URL lies under one of its base URLs ({@link RedirectGuard}, as links into it are
 * checked), the route exists, is not one-time and has the parameter {@code param}.
 *
 * <p>Why one-time routes are refused: a one-time link carries a ticket minted when the link is built, and a tile is
 * built for every page view and cached, so it would mint tickets nobody clicks (the home page's sample mints its ticket
 * on the click, a Faces post; a list of items has no such moment).
 */
@ApplicationScoped
public class DataTileType implements WidgetType {

    @Inject
    AppDirectory apps;

    @Inject
    OutboundLinks links;

    /**
     * The settings each data tile's JSON reads to, asked on every page view that shows the tile ({@link #available}):
     * reading parses its JSON Pointers, which is not free. A pure function of the JSON, so nothing to invalidate;
     * bounded, pages hold a few dozen tiles.
     */
    private final Cache<JsonObject, Optional<DataTileSettings>> settingsRead =
            Caffeine.newBuilder().maximumSize(1_000).build();

    @Override
    public WidgetKind kind() {
        return WidgetKind.DATA_TILE;
    }

    @Override
    public List<FieldMessage> check(JsonObject settings) {
        List<FieldMessage> problems = new ArrayList<>();
        DataTileSettings.Read read = DataTileSettings.read(settings);
        problems.addAll(read.problems());
        // The data checks run on whatever keys did read, so the admin sees every problem in one go.
        String appId = textOrNull(settings, "app");
        String url = textOrNull(settings, "url");
        String routeName = textOrNull(settings, "route");
        String param = textOrNull(settings, "param");
        if (appId != null) {
            Optional<AppRegistration> app = apps.findById(appId);
            if (app.isEmpty()) {
                problems.add(FieldMessage.of("app", "tile.settings.app", appId));
            } else if (url != null && new RedirectGuard(app.get().baseUrls()).findAppTarget(url).isEmpty()) {
                problems.add(FieldMessage.of("url", "tile.settings.url", appId,
                        app.get().baseUrls().get(0).toString()));
            }
        }
        if (routeName != null) {
            Optional<LinkRoute> route = links.find(routeName);
            if (route.isEmpty()) {
                problems.add(FieldMessage.of("route", "tile.settings.route", routeName));
            } else {
                if (route.get().oneTime()) {
                    problems.add(FieldMessage.of("route", "tile.settings.route-one-time", routeName));
                }
                if (param != null && route.get().parameter(param).isEmpty()) {
                    problems.add(FieldMessage.of("param", "tile.settings.param", routeName, param));
                }
            }
        }
        return List.copyOf(problems);
    }

    /** Whether the app is still registered and enabled and the route still there. Never throws. */
    @Override
    public boolean available(JsonObject settings) {
        try {
            return settingsRead.get(settings, json -> DataTileSettings.read(json).settings())
                    .filter(read -> apps.findById(read.app()).isPresent())
                    .filter(read -> links.find(read.route()).isPresent())
                    .isPresent();
        } catch (RuntimeException e) {
            return false; // a broken store: the widget cannot be shown now
        }
    }

    /** The tile's app and the route its items link to. */
    @Override
    public Set<CacheTag> cacheTags(JsonObject settings) {
        Set<CacheTag> tags = new LinkedHashSet<>();
        Optional.ofNullable(textOrNull(settings, "app")).ifPresent(app -> tags.add(PorticoTags.app(app)));
        Optional.ofNullable(textOrNull(settings, "route")).ifPresent(route -> tags.add(PorticoTags.route(route)));
        return tags;
    }

    private static String textOrNull(JsonObject settings, String key) {
        if (settings == null || !(settings.get(key) instanceof jakarta.json.JsonString string)) {
            return null;
        }
        String text = string.getString().strip();
        return text.isEmpty() ? null : text;
    }
}
