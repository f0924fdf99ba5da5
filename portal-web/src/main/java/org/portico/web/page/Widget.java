package org.portico.web.page;

import java.util.Set;
import java.util.TreeSet;

import jakarta.json.JsonObject;

/**
 * One widget placed on a portal page, immutable: what the renderer, the editor and the widget kinds see. Widgets
 * flow in the page's order through a grid twelve units wide; each spans {@link #width()} of them on a wide screen
 * and the whole row on a narrow one.
 *
 * @param id       stable and unique across all pages ({@link #ID_PATTERN}); personal layouts and the pane token
 *                 endpoint name widgets by it
 * @param kind     what it is
 * @param title    the card's heading; may be empty
 * @param width    1..12, the share of a row
 * @param roles    who may see it (role names and {@link Viewer#GUEST}); empty: everyone who may see the page
 * @param optional not shown by default: users may add it to their home page
 * @param settings the kind's own settings, checked by its {@link WidgetType}
 */
public record Widget(String id, WidgetKind kind, String title, int width, Set<String> roles, boolean optional,
                     JsonObject settings) {

    /** What a widget id looks like: random ids from {@code RandomIds} fit, and so do readable ones of the demo data. */
    public static final String ID_PATTERN = "[A-Za-z0-9_-]{1,32}";
    public static final int FULL_WIDTH = 12;

    public Widget {
        title = title == null ? "" : title;
        roles = roles == null ? Set.of() : Set.copyOf(new TreeSet<>(roles));
    }

    /** Whether someone with these roles may see this widget (the page's own roles are checked by the page). */
    public boolean visibleTo(Set<String> viewerRoles) {
        return roles.isEmpty() || roles.stream().anyMatch(viewerRoles::contains);
    }
}
