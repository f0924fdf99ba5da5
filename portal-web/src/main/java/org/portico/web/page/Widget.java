package org.portico.web.page;

import java.util.Set;

import jakarta.json.JsonObject;

/** TEMPORARY copy of the design's SPI (design10.md), replaced by main's version on merge. */
public record Widget(String id,
                     WidgetKind kind,
                     String title,
                     int column,
                     int width,
                     Set<String> roles,
                     boolean optional,
                     JsonObject settings) { }
