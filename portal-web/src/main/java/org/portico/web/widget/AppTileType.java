package org.portico.web.widget;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.portico.cdn.tag.CacheTag;
import org.portico.web.page.WidgetKind;
import org.portico.web.page.WidgetType;
import org.portico.web.problem.FieldMessage;

/**
 * The app tile: an app's name, an icon, a short text and one link into the app — a route with fixed parameters or a
 * URL under one of the app's base URLs. Settings:
 * <pre>{@code
 * {"app": "demo-app", "text": "Invoices and orders", "icon": "pi pi-file", "route": "invoice", "params": {"id": "42"}}
 * {"app": "demo-app", "text": "The demo app", "url": "http://localhost:8080/demo-app/"}
 * }</pre>
 * The page shows it with {@code WEB-INF/widgets/app-tile.xhtml}. Thread-safe.
 */
@ApplicationScoped
public class AppTileType implements WidgetType {

    private static final Logger LOG = Logger.getLogger(AppTileType.class.getName());

    static final Set<String> KEYS = Set.of("app", "text", "icon", "route", "params", "url");
    /** A PrimeIcons class, such as {@code pi pi-file}. */
    static final Pattern ICON = Pattern.compile("pi pi-[a-z0-9-]+");
    static final int MAX_TEXT = 200;

    @Inject
    WidgetLinks links;

    @Override
    public WidgetKind kind() {
        return WidgetKind.APP_TILE;
    }

    /**
     * The app is registered and enabled; exactly one of route (its parameters bound by the route) or url (under one of
     * the app's base URLs); the icon a PrimeIcons class; the text at most {@value #MAX_TEXT} characters.
     */
    @Override
    public List<FieldMessage> check(JsonObject settings) {
        List<FieldMessage> errors = new ArrayList<>();
        SettingsReader reader = new SettingsReader(settings, "", errors);
        reader.onlyKeys(KEYS);
        links.check(reader, true);
        String icon = reader.string("icon");
        if (icon != null && !ICON.matcher(icon).matches()) {
            reader.problem("icon", "widget.icon.pattern");
        }
        String text = reader.string("text");
        if (text != null && text.length() > MAX_TEXT) {
            reader.problem("text", "widget.text.length", MAX_TEXT);
        }
        return List.copyOf(errors);
    }

    /** The tile's PrimeIcons class, empty when it has none or one that is not a PrimeIcons class. */
    public static String icon(JsonObject settings) {
        return settings != null && settings.get("icon") instanceof JsonString icon && ICON.matcher(icon.getString()).matches()
                ? icon.getString() : "";
    }

    /** The tile's app and route. */
    @Override
    public Set<CacheTag> cacheTags(JsonObject settings) {
        return WidgetLinks.cacheTags(settings, false);
    }

    /** Whether the app is still enabled and the link still leads somewhere (route there, on, parameters fit). */
    @Override
    public boolean available(JsonObject settings) {
        try {
            return links.tileLink(settings).isPresent();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An app tile is shown as unavailable: the app or route directory failed", e);
            return false;
        }
    }
}
