package org.portico.web.tile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

/**
 * Maps an app's JSON answer onto tile items with the settings' JSON Pointers: {@code list} must find an array; of
 * its entries, those where {@code title} and {@code id} find a string or a number become items, in order, until
 * {@code limit} items are found. An entry without them (or not an object) is skipped, not an error: one odd record
 * should not hide the others. {@code subtitle} and {@code date} are optional per entry. Texts are cut to
 * {@link #MAX_TEXT} characters. Pure; thread-safe.
 */
final class TileItems {

    /** Longest text an item shows; an app's long description should not become a wall in a card. */
    static final int MAX_TEXT = 200;
    /** Longest id passed on to the route (the route's own checks apply after that); a longer one is skipped, not cut. */
    static final int MAX_ID = 500;

    private TileItems() {
    }

    /**
     * @throws TileUnavailableException when {@code list} finds nothing or something other than an array
     */
    static List<TileItem> map(JsonValue answer, DataTileSettings settings) {
        JsonValue list = find(answer, settings.list());
        if (list == null) {
            throw new TileUnavailableException("the answer has nothing at list pointer '" + settings.list() + "'");
        }
        if (!(list instanceof JsonArray entries)) {
            throw new TileUnavailableException("the answer has " + list.getValueType() + " at list pointer '"
                    + settings.list() + "', not an array");
        }
        List<TileItem> items = new ArrayList<>();
        for (JsonValue entry : entries) {
            if (items.size() == settings.limit()) {
                break;
            }
            String id = scalar(find(entry, settings.id()), Integer.MAX_VALUE);
            String title = scalar(find(entry, settings.title()), MAX_TEXT);
            if (id == null || id.length() > MAX_ID || title == null) {
                continue;
            }
            String subtitle = settings.subtitle() == null ? null : scalar(find(entry, settings.subtitle()), MAX_TEXT);
            String dateText = settings.date() == null ? null : scalar(find(entry, settings.date()), MAX_TEXT);
            LocalDate day = dateText == null ? null : day(dateText);
            Instant date = day != null ? day.atStartOfDay(ZoneOffset.UTC).toInstant() : instant(dateText);
            items.add(new TileItem(id, title, subtitle, date, day != null));
        }
        return List.copyOf(items);
    }

    /** The value at the pointer, or null when there is none (or the value is not a structure to point into). */
    private static JsonValue find(JsonValue value, String pointer) {
        if (pointer.isEmpty()) {
            return value;
        }
        if (!(value instanceof JsonStructure structure)) {
            return null;
        }
        try {
            return DataTileSettings.pointer(pointer).getValue(structure);
        } catch (JsonException e) {
            return null; // "no such member / index": JSON-P says so with an exception
        }
    }

    /** A string (stripped) or a number as text; null for anything else or an empty string. */
    private static String scalar(JsonValue value, int max) {
        String text;
        if (value instanceof JsonString string) {
            text = string.getString().strip();
        } else if (value instanceof JsonNumber number) {
            text = number.toString();
        } else {
            return null;
        }
        if (text.isEmpty()) {
            return null;
        }
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An ISO-8601 instant with an offset ({@code 2026-12-01T09:30:00Z}, {@code …+01:00}); null otherwise. */
    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
