package org.portico.web.page;

import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.portico.web.problem.FieldMessage;

/** TEMPORARY copy of the design's SPI (design10.md), replaced by main's version on merge. */
public interface WidgetType {
    WidgetKind kind();
    List<FieldMessage> check(JsonObject settings);
    default boolean available(JsonObject settings) { return true; }
    default Set<String> frameOrigins(JsonObject settings) { return Set.of(); }
}
