package org.portico.web.tile;

import static org.portico.web.json.Jsons.JSON;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonPointer;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.portico.web.problem.FieldMessage;

/**
 * The settings of a data tile, as the page stores them:
 * <pre>{@code {"app":"demo-app","url":"http://…/demo-app/api/invoices","list":"/items","title":"/customer",
 *  "subtitle":"/amount","date":"/issued","id":"/id","route":"invoice","param":"id","limit":5}}</pre>
 * {@code list}, {@code title}, {@code subtitle}, {@code date} and {@code id} are JSON Pointers (RFC 6901) read with
 * JSON-P's {@link Json#createPointer}: {@code list} into the app's answer, the others into each item of the list.
 * {@code subtitle} and {@code date} are optional (null here). This record holds settings of the right form only
 * ({@link #read}); whether the app, its URL and the route exist is {@link DataTileType#check}'s business.
 * Immutable; equal settings are equal records (the cache keys on them).
 */
public record DataTileSettings(String app, String url, String list, String title, String subtitle, String date,
                               String id, String route, String param, int limit) {

    /** Most items a tile shows. */
    public static final int MAX_LIMIT = 20;
    /** Longest URL and pointer accepted. */
    static final int MAX_TEXT = 2048;
    private static final java.util.regex.Pattern BAD_ESCAPE = java.util.regex.Pattern.compile("~(?![01])");

    /** The settings, or every problem of their form (missing keys, wrong types, pointers that do not parse). */
    public record Read(Optional<DataTileSettings> settings, List<FieldMessage> problems) {
        public Read {
            problems = List.copyOf(problems);
        }
    }

    /** Reads the settings, collecting every problem of form at once, each under its key. Never throws. */
    public static Read read(JsonObject json) {
        List<FieldMessage> problems = new ArrayList<>();
        if (json == null) {
            json = JsonValue.EMPTY_JSON_OBJECT;
        }
        String app = text(json, "app", true, problems);
        String url = text(json, "url", true, problems);
        String list = pointer(json, "list", true, problems);
        String title = pointer(json, "title", true, problems);
        String subtitle = pointer(json, "subtitle", false, problems);
        String date = pointer(json, "date", false, problems);
        String id = pointer(json, "id", true, problems);
        String route = text(json, "route", true, problems);
        String param = text(json, "param", true, problems);
        int limit = limit(json, problems);
        if (!problems.isEmpty()) {
            return new Read(Optional.empty(), problems);
        }
        return new Read(Optional.of(new DataTileSettings(app, url, list, title, subtitle, date, id, route, param,
                limit)), problems);
    }

    /**
     * JSON-P's provider, looked up once: {@code JSON.createPointer} looks it up on every call (a service lookup through
     * the deployment's modules), and the pointers are read on every page view that shows a data tile.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The parsed pointer of one of the pointer keys' values. */
    static JsonPointer pointer(String text) {
        return JSON.createPointer(text);
    }

    private static String text(JsonObject json, String key, boolean required, List<FieldMessage> problems) {
        JsonValue value = json.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                problems.add(FieldMessage.of(key, "tile.settings.required"));
            }
            return null;
        }
        if (!(value instanceof JsonString string)) {
            problems.add(FieldMessage.of(key, "tile.settings.text"));
            return null;
        }
        String text = string.getString().strip();
        if (text.isEmpty() && required) {
            problems.add(FieldMessage.of(key, "tile.settings.required"));
            return null;
        }
        if (text.length() > MAX_TEXT) {
            problems.add(FieldMessage.of(key, "tile.settings.too-long", MAX_TEXT));
            return null;
        }
        return text.isEmpty() ? null : text;
    }

    /** A pointer is taken as typed (no strip): "" is the whole document and " /a" is not a pointer. */
    private static String pointer(JsonObject json, String key, boolean required, List<FieldMessage> problems) {
        JsonValue value = json.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                problems.add(FieldMessage.of(key, "tile.settings.required"));
            }
            return null;
        }
        if (!(value instanceof JsonString string)) {
            problems.add(FieldMessage.of(key, "tile.settings.text"));
            return null;
        }
        String text = string.getString();
        if (text.length() > MAX_TEXT) {
            problems.add(FieldMessage.of(key, "tile.settings.too-long", MAX_TEXT));
            return null;
        }
        try {
            pointer(text);
            if (BAD_ESCAPE.matcher(text).find()) {
                // RFC 6901: '~' only as '~0' or '~1'; JSON-P implementations differ on whether they refuse the rest.
                throw new JsonException("bad escape");
            }
        } catch (JsonException e) {
            problems.add(FieldMessage.of(key, "tile.settings.pointer", text));
            return null;
        }
        return text;
    }

    private static int limit(JsonObject json, List<FieldMessage> problems) {
        JsonValue value = json.get("limit");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            problems.add(FieldMessage.of("limit", "tile.settings.limit", MAX_LIMIT));
            return 0;
        }
        if (!(value instanceof JsonNumber number) || number.bigDecimalValue().stripTrailingZeros().scale() > 0
                || number.bigDecimalValue().compareTo(java.math.BigDecimal.ONE) < 0
                || number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(MAX_LIMIT)) > 0) {
            problems.add(FieldMessage.of("limit", "tile.settings.limit", MAX_LIMIT));
            return 0;
        }
        return number.intValue();
    }
}
