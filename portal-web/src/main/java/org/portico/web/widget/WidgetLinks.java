package org.portico.web.widget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.portico.cdn.tag.CacheTag;
import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.link.BoundLink;
import org.portico.deeplink.link.InvalidParameterException;
import org.portico.deeplink.link.LinkBinder;
import org.portico.deeplink.link.LinkMessage;
import org.portico.deeplink.link.LinkRequest;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkRoutes;
import org.portico.deeplink.link.LinkText;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.redirect.AppBaseUrl;
import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.web.edge.PorticoTags;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;

/**
 * The links of app tiles and links lists: the checks of a link's settings when a widget is saved, and the links as
 * they can be followed now when a page shows it. A link is a route with fixed parameters ({@code route}, {@code
 * params}) or a URL into an app ({@code app}, {@code url}); a tile names its app in either case.
 * <p>
 * Routes and apps come from the same directories link following uses ({@link LinkRoutes}, {@link AppDirectory}:
 * enabled apps only, both cached), and a route's parameters are bound by the route itself ({@link LinkBinder}), so a
 * message about a value is the one following the link would give, and a link shown is a link that works.
 * Thread-safe.
 */
@ApplicationScoped
public class WidgetLinks {

    private static final Logger LOG = Logger.getLogger(WidgetLinks.class.getName());

    /** A parameter name fit to be part of a field name (a route's are; an admin's typo may not be). */
    private static final Pattern FIELD_SAFE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Inject
    AppDirectory apps;

    @Inject
    LinkRoutes routes;

    WidgetLinks() {
        // for CDI
    }

    WidgetLinks(AppDirectory apps, LinkRoutes routes) {
        this.apps = apps;
        this.routes = routes;
    }

    // ---- showing -----------------------------------------------------------------------------------------------

    /**
     * The links of an app tile or a links list that can be followed now, in their order, each with its index in the
     * settings; empty for other kinds. Never throws: a directory that fails leaves the links out (logged).
     */
    public List<ShownLink> links(Widget widget) {
        if (widget == null) {
            return List.of();
        }
        try {
            if (widget.kind() == WidgetKind.APP_TILE) {
                return tileLink(widget.settings()).map(List::of).orElse(List.of());
            }
            if (widget.kind() == WidgetKind.LINKS_LIST) {
                return listLinks(widget.settings());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "Links of widget " + widget.id() + " left out: the app or route directory failed");
        }
        return List.of();
    }

    /** The name of the enabled app with this id, if there is one. */
    public Optional<String> appName(String appId) {
        return appId == null ? Optional.empty() : apps.findById(appId).map(AppRegistration::name);
    }

    /** An app tile's link, if it can be followed now (the tile's app is there and enabled as well). */
    Optional<ShownLink> tileLink(JsonObject settings) {
        LinkEntry entry = LinkEntry.read(settings);
        return entry.app() == null ? Optional.empty() : resolve(entry, 0);
    }

    /** A links list's links that can be followed now, in order. */
    List<ShownLink> listLinks(JsonObject settings) {
        List<ShownLink> shown = new ArrayList<>();
        if (settings != null && settings.get(LinksListType.LINKS) instanceof JsonArray links) {
            for (int i = 0; i < links.size(); i++) {
                if (links.get(i) instanceof JsonObject entry) {
                    resolve(LinkEntry.read(entry), i).ifPresent(shown::add);
                }
            }
        }
        return shown;
    }

    /** The link as it can be followed now: its app (if it names one) enabled, its route or URL still valid. */
    Optional<ShownLink> resolve(LinkEntry entry, int index) {
        Optional<AppRegistration> app = entry.app() == null ? Optional.empty() : apps.findById(entry.app());
        if (entry.app() != null && app.isEmpty()) {
            return Optional.empty();
        }
        if (entry.route() != null && entry.url() == null) {
            if (entry.params() == null) {
                return Optional.empty();
            }
            return routes.find(entry.route()).filter(LinkRoute::enabled).flatMap(route -> {
                try {
                    BoundLink bound = bind(route, entry.params());
                    return Optional.of(new ShownLink(index, entry.label(), route.name(), bound.params(),
                            route.oneTime(), route.window() == LinkWindow.NEW_TAB, route.roles(), null));
                } catch (InvalidParameterException e) { // the route changed since the widget was saved
                    return Optional.empty();
                }
            });
        }
        if (entry.url() != null && entry.route() == null && app.isPresent()) {
            return new RedirectGuard(app.get().baseUrls()).findAppTarget(entry.url())
                    .map(url -> new ShownLink(index, entry.label(), null, Map.of(), false, false, Set.of(),
                            url.toString()));
        }
        return Optional.empty();
    }

    /** The tags of the apps and routes an app tile's or a links list's settings name, whether they exist or not. */
    static Set<CacheTag> cacheTags(JsonObject settings, boolean list) {
        Set<CacheTag> tags = new LinkedHashSet<>();
        if (!list) {
            entryTags(LinkEntry.read(settings), tags);
        } else if (settings != null && settings.get(LinksListType.LINKS) instanceof JsonArray links) {
            links.stream().filter(JsonObject.class::isInstance)
                    .forEach(entry -> entryTags(LinkEntry.read(entry.asJsonObject()), tags));
        }
        return tags;
    }

    private static void entryTags(LinkEntry entry, Set<CacheTag> tags) {
        if (entry.app() != null && !entry.app().isBlank()) {
            tags.add(PorticoTags.app(entry.app()));
        }
        if (entry.route() != null && !entry.route().isBlank()) {
            tags.add(PorticoTags.route(entry.route()));
        }
    }

    // ---- checking ----------------------------------------------------------------------------------------------

    /**
     * Checks the keys of a link: exactly one of {@code route} (with optional {@code params}) or {@code url};
     * {@code app} when the link is a URL (and always when {@code appRequired}), an app that is registered and enabled;
     * the route exists and binds the parameters; the URL lies under one of the app's base URLs.
     */
    void check(SettingsReader settings, boolean appRequired) {
        String appId = settings.string("app");
        String route = settings.string("route");
        String url = settings.string("url");
        boolean routeGiven = settings.has("route");
        boolean urlGiven = settings.has("url");
        Optional<AppRegistration> app = Optional.empty();
        if (appId != null && !appId.isBlank()) {
            app = apps.findById(appId);
            if (app.isEmpty()) {
                settings.problem("app", "widget.app.unknown", SettingsReader.quoted(appId));
            }
        } else if (appId != null || (!settings.has("app") && (appRequired || urlGiven))) {
            // blank, or missing where it is needed (a value of another type was reported as such)
            settings.problem("app", "widget.app.required");
        }
        if (routeGiven && urlGiven) {
            settings.problem("route", "widget.target.both");
            return;
        }
        if (!routeGiven && !urlGiven) {
            settings.problem("route", "widget.target.missing");
            return;
        }
        if (routeGiven) {
            if (route != null) {
                checkRoute(settings, route);
            }
            return;
        }
        if (settings.has("params")) {
            settings.problem("params", "widget.params.without-route");
        }
        if (url != null && app.isPresent()) {
            checkUrl(settings, url, app.get());
        }
    }

    private void checkRoute(SettingsReader settings, String routeName) {
        Map<String, String> params = params(settings);
        Optional<LinkRoute> route = routes.find(routeName);
        if (route.isEmpty()) {
            settings.problem("route", "widget.route.unknown", SettingsReader.quoted(routeName));
            return;
        }
        if (params == null) {
            return;
        }
        try {
            bind(route.get(), params);
        } catch (InvalidParameterException e) {
            // The route's own message: "parameter 'id' must be a whole number", said in the reader's language.
            LinkMessage problem = e.text().params().size() == 2 && e.text().params().get(1) instanceof LinkMessage inner
                    ? inner : e.text();
            String name = e.parameter();
            String field = FIELD_SAFE.matcher(name).matches() ? "params/" + name : "params";
            settings.problem(field, e.getMessage(), problem.key(), problem.params());
        }
    }

    private static void checkUrl(SettingsReader settings, String url, AppRegistration app) {
        if (new RedirectGuard(app.baseUrls()).findAppTarget(url).isEmpty()) {
            settings.problem("url", "widget.url.outside", app.id(),
                    String.join(", ", app.baseUrls().stream().map(AppBaseUrl::toString).toList()));
        }
    }

    /**
     * The {@code params} object as strings (a number stands for its text), null when it is not such an object (each
     * problem reported); empty when there is none.
     */
    private static Map<String, String> params(SettingsReader settings) {
        JsonValue given = settings.value("params");
        if (given == null) {
            return Map.of();
        }
        if (!(given instanceof JsonObject object)) {
            settings.problem("params", "widget.params.object", "{\"id\": \"42\"}");
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        boolean valid = true;
        for (Map.Entry<String, JsonValue> param : object.entrySet()) {
            String value = text(param.getValue());
            if (value == null) {
                String name = param.getKey();
                settings.problem(FIELD_SAFE.matcher(name).matches() ? "params/" + name : "params",
                        "widget.params.value");
                valid = false;
            } else {
                params.put(param.getKey(), value);
            }
        }
        return valid ? params : null;
    }

    /** A parameter's value as text: a string as it is, a number as written; null for anything else. */
    static String text(JsonValue value) {
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        return null;
    }

    /**
     * Binds the parameters exactly as following the link will: a name the route does not declare is refused with the
     * route's own message, and so is a missing, surplus or ill-typed value.
     *
     * @throws InvalidParameterException naming the parameter
     */
    static BoundLink bind(LinkRoute route, Map<String, String> params) {
        for (String name : params.keySet()) {
            if (route.parameter(name).isEmpty()) {
                throw new InvalidParameterException(name, LinkText.NOT_A_PARAMETER_OF_ROUTE, route.name());
            }
        }
        String path = LinkRequest.pathFor(route, params, null);
        int query = path.indexOf('?');
        return LinkBinder.bind(route, LinkRequest.parse(query < 0 ? path : path.substring(0, query),
                query < 0 ? null : path.substring(query + 1)));
    }

    /**
     * A link's settings as a page reads them, leniently (they were checked when the widget was saved): a value of
     * the wrong type reads as missing, so such a link is simply not shown.
     *
     * @param params null when the parameters are not an object of strings and numbers
     */
    record LinkEntry(String label, String app, String route, Map<String, String> params, String url) {

        static LinkEntry read(JsonObject json) {
            if (json == null) {
                return new LinkEntry(null, null, null, null, null);
            }
            Map<String, String> params = new LinkedHashMap<>();
            JsonValue given = json.get("params");
            if (given instanceof JsonObject object) {
                for (Map.Entry<String, JsonValue> param : object.entrySet()) {
                    String value = text(param.getValue());
                    if (value == null) {
                        params = null;
                        break;
                    }
                    params.put(param.getKey(), value);
                }
            } else if (given != null && given.getValueType() != JsonValue.ValueType.NULL) {
                params = null;
            }
            return new LinkEntry(string(json, "label"), string(json, "app"), string(json, "route"), params,
                    string(json, "url"));
        }

        private static String string(JsonObject json, String key) {
            return json.get(key) instanceof JsonString text ? text.getString() : null;
        }
    }
}
