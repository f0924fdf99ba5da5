package org.portico.web.page;

import java.util.Set;

import jakarta.json.JsonObject;

/** One placed widget, immutable: what the renderer and the kinds see. (Temporary copy of the design's SPI.) */
public record Widget(String id,
                     WidgetKind kind,
                     String title,
                     int column,
                     int width,
                     Set<String> roles,
                     boolean optional,
                     JsonObject settings) { }
