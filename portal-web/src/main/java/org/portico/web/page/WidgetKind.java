package org.portico.web.page;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of widget a portal page can hold. The id is what the page JSON says ({@code "kind": "data-tile"}), what
 * CSS classes and the bundle keys ({@code page.kind.<id>}) use, and the name of the Facelets file that renders the
 * widget's body ({@code /WEB-INF/widgets/<id>.xhtml}).
 */
public enum WidgetKind {

    APP_TILE("app-tile"),
    APP_PANE("app-pane"),
    DATA_TILE("data-tile"),
    CMS_BLOCK("cms-block"),
    LINKS_LIST("links-list");

    private final String id;

    WidgetKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<WidgetKind> findById(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }
}
