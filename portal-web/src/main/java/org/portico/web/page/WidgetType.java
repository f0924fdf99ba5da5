package org.portico.web.page;

import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.portico.web.problem.FieldMessage;

/** A kind of widget: one @ApplicationScoped bean per kind. (Temporary copy of the design's SPI.) */
public interface WidgetType {
    WidgetKind kind();
    /** Every problem of these settings at once (empty = valid). FieldMessage.field() is the settings key, e.g. "list". */
    List<FieldMessage> check(JsonObject settings);
    /** False when what the widget shows is gone (app disabled or deleted, block or route gone). Never throws. */
    default boolean available(JsonObject settings) { return true; }
    /** Origins the page must allow in CSP frame-src when it shows this widget (only panes return any). */
    default Set<String> frameOrigins(JsonObject settings) { return Set.of(); }
}
