package org.portico.web.page;

import static org.portico.web.json.Jsons.JSON;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.portico.web.json.JsonFields;
import org.portico.web.problem.FieldMessage;

/**
 * A page as JSON, both ways: what the REST API takes and gives, what export files hold and what versions keep.
 * Reading collects every problem of the document's shape (a string where a number belongs, an unknown kind) as
 * field messages named like {@code widgets/2/width}; what the values mean is checked by {@link PageRules}.
 *
 * <pre>
 * {"slug": "home", "title": "Home", "roles": ["end-user"], "inNavigation": true, "navOrder": 0,
 *  "widgets": [{"id": "w1", "kind": "cms-block", "title": "Welcome", "width": 12, "roles": [], "optional": false,
 *               "settings": {"block": "welcome"}}]}
 * </pre>
 */
public final class PageJson {

    private PageJson() {
    }

    public static JsonObject write(PortalPage page) {
        JsonArrayBuilder widgets = JSON.createArrayBuilder();
        page.widgets().forEach(widget -> widgets.add(write(widget)));
        return JSON.createObjectBuilder()
                .add("slug", page.slug())
                .add("title", page.title())
                .add("roles", JSON.createArrayBuilder(page.roles()))
                .add("inNavigation", page.inNavigation())
                .add("navOrder", page.navOrder())
                .add("widgets", widgets)
                .build();
    }

    public static JsonObject write(Widget widget) {
        return JSON.createObjectBuilder()
                .add("id", widget.id())
                .add("kind", widget.kind().id())
                .add("title", widget.title())
                .add("width", widget.width())
                .add("roles", JSON.createArrayBuilder(widget.roles()))
                .add("optional", widget.optional())
                .add("settings", widget.settings())
                .build();
    }

    /** The page this JSON describes, or the problems of its shape. */
    public static PortalPage read(JsonObject json, List<FieldMessage> problems) {
        JsonFields fields = new JsonFields(json, (field, message) -> problems.add(new FieldMessage(field, message)));
        String slug = fields.string("slug", "");
        String title = fields.string("title", "");
        List<String> roles = fields.strings("roles");
        boolean inNavigation = fields.bool("inNavigation", false);
        Integer navOrder = fields.integer("navOrder", "must be between -100000 and 100000");
        List<Widget> widgets = new ArrayList<>();
        JsonValue widgetsValue = fields.value("widgets");
        if (widgetsValue instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof JsonObject widget) {
                    readWidget(widget, "widgets/" + i + "/", problems).ifPresent(widgets::add);
                } else {
                    problems.add(new FieldMessage("widgets/" + i, "must be an object"));
                }
            }
        } else if (widgetsValue != null) {
            problems.add(new FieldMessage("widgets", "must be an array of objects"));
        }
        return new PortalPage(slug, title, new HashSet<>(roles), inNavigation, navOrder == null ? 0 : navOrder,
                widgets);
    }

    /** One widget of a page, its fields named {@code prefix + name} in problems. */
    public static Optional<Widget> readWidget(JsonObject json, String prefix, List<FieldMessage> problems) {
        JsonFields fields = new JsonFields(json,
                (field, message) -> problems.add(new FieldMessage(prefix + field, message)));
        String id = fields.string("id", "");
        String kindId = fields.string("kind", "");
        Optional<WidgetKind> kind = WidgetKind.findById(kindId == null ? "" : kindId);
        if (kind.isEmpty()) {
            problems.add(FieldMessage.of(prefix + "kind", "page.widget.kind.unknown", String.valueOf(kindId)));
        }
        String title = fields.string("title", "");
        Integer width = fields.integer("width", "must be between 1 and 12");
        List<String> roles = fields.strings("roles");
        boolean optional = fields.bool("optional", false);
        JsonValue settings = fields.value("settings");
        if (settings != null && !(settings instanceof JsonObject)) {
            problems.add(new FieldMessage(prefix + "settings", "must be an object"));
        }
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Widget(id == null ? "" : id, kind.get(), title, width == null ? Widget.FULL_WIDTH : width,
                new HashSet<>(roles), optional,
                settings instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT));
    }
}
