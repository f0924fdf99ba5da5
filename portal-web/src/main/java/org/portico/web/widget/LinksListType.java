package org.portico.web.widget;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.portico.cdn.tag.CacheTag;
import org.portico.web.page.WidgetKind;
import org.portico.web.page.WidgetType;
import org.portico.web.problem.FieldMessage;

/**
 * The links list: an admin-curated list of deep links and app URLs, each with a label. Settings:
 * <pre>{@code
 * {"links": [{"label": "Invoice 42", "route": "invoice", "params": {"id": "42"}},
 *            {"label": "Demo app", "app": "demo-app", "url": "http://localhost:8080/demo-app/"}]}
 * }</pre>
 * Each entry is checked like an app tile's link; its problems are reported under {@code links/<index>/<key>}, e.g.
 * {@code links/2/url}. Users see the entries that can be followed now ({@code WEB-INF/widgets/links-list.xhtml});
 * the widget is available while one of them can. Thread-safe.
 */
@ApplicationScoped
public class LinksListType implements WidgetType {

    private static final Logger LOG = Logger.getLogger(LinksListType.class.getName());

    static final String LINKS = "links";
    static final Set<String> ENTRY_KEYS = Set.of("label", "route", "params", "app", "url");
    static final int MAX_LINKS = 20;
    static final int MAX_LABEL = 100;
    /** What an entry looks like, for the message about one that is not an object. */
    static final String ENTRY_EXAMPLE = "{\"label\": \"Invoice 42\", \"route\": \"invoice\", \"params\": {\"id\": \"42\"}}";

    @Inject
    WidgetLinks links;

    @Override
    public WidgetKind kind() {
        return WidgetKind.LINKS_LIST;
    }

    /** 1 to {@value #MAX_LINKS} entries, each with a label of 1 to {@value #MAX_LABEL} characters and a valid link. */
    @Override
    public List<FieldMessage> check(JsonObject settings) {
        List<FieldMessage> errors = new ArrayList<>();
        SettingsReader reader = new SettingsReader(settings, "", errors);
        reader.onlyKeys(Set.of(LINKS));
        JsonValue given = reader.value(LINKS);
        if (!(given instanceof JsonArray entries) || entries.isEmpty() || entries.size() > MAX_LINKS) {
            reader.problem(LINKS, "widget.links.count", MAX_LINKS);
            return List.copyOf(errors);
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof JsonObject entry)) {
                reader.problem(LINKS + "/" + i, "widget.links.entry", ENTRY_EXAMPLE);
                continue;
            }
            SettingsReader link = new SettingsReader(entry, LINKS + "/" + i + "/", errors);
            link.onlyKeys(ENTRY_KEYS);
            String label = link.string("label");
            if (label == null ? !link.has("label") : label.isBlank() || label.length() > MAX_LABEL) {
                link.problem("label", "widget.links.label", MAX_LABEL);
            }
            links.check(link, false);
        }
        return List.copyOf(errors);
    }

    /** The apps and routes of the entries. */
    @Override
    public Set<CacheTag> cacheTags(JsonObject settings) {
        return WidgetLinks.cacheTags(settings, true);
    }

    /** Whether at least one entry can still be followed. */
    @Override
    public boolean available(JsonObject settings) {
        try {
            return !links.listLinks(settings).isEmpty();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A links list is shown as unavailable: the app or route directory failed", e);
            return false;
        }
    }
}
