package org.portico.web.page;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of widget a page can hold. (Temporary copy of the design's SPI until the page foundation lands.) */
public enum WidgetKind {
    APP_TILE("app-tile"), APP_PANE("app-pane"), DATA_TILE("data-tile"), CMS_BLOCK("cms-block"), LINKS_LIST("links-list");

    private final String id;

    WidgetKind(String id) {
        this.id = id;
    }

    /** In JSON ("kind": "data-tile"), in CSS classes, in include names. */
    public String id() {
        return id;
    }

    public static Optional<WidgetKind> findById(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }
}
