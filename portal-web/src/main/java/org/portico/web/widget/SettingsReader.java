package org.portico.web.widget;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.portico.web.problem.FieldMessage;

/**
 * Reads the settings of one widget (or of one entry of a links list) and collects what is wrong with them, each
 * problem under its field: the settings key, behind a prefix for an entry ({@code links/2/url}), so that the page
 * editor can show it next to the input. Not thread-safe: one per check.
 */
final class SettingsReader {

    /** Longest value quoted back in a message: a value may be an attacker's text. */
    private static final int MAX_QUOTED = 100;

    private final JsonObject json;
    private final String prefix;
    private final List<FieldMessage> errors;

    /**
     * @param json   the settings; null reads as empty
     * @param prefix what goes before each key in a field name: {@code ""}, or {@code "links/2/"}
     * @param errors where the problems go
     */
    SettingsReader(JsonObject json, String prefix, List<FieldMessage> errors) {
        this.json = json == null ? JsonValue.EMPTY_JSON_OBJECT : json;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Reports each key that is not one of {@code known} (a typo would otherwise be ignored silently). */
    void onlyKeys(Set<String> known) {
        String expected = String.join(", ", new TreeSet<>(known));
        json.keySet().stream().filter(key -> !known.contains(key))
                .forEach(key -> errors.add(FieldMessage.of(field(key), "widget.setting.unknown", expected)));
    }

    /** Whether the key is given (and not JSON null). */
    boolean has(String key) {
        return value(key) != null;
    }

    /** The key's value, null when it is missing or JSON null. */
    JsonValue value(String key) {
        JsonValue value = json.get(key);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    /** A string, null when it is missing; a value of another type is reported and reads as null. */
    String string(String key) {
        JsonValue value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        problem(key, "widget.setting.string");
        return null;
    }

    /** Reports a problem with the key: the bundle's {@code messageKey} with its parameters. */
    void problem(String key, String messageKey, Object... params) {
        errors.add(FieldMessage.of(field(key), messageKey, params));
    }

    /** Reports a problem made elsewhere (its key and parameters already set) under this reader's field. */
    void problem(String key, String english, String messageKey, List<Object> params) {
        errors.add(new FieldMessage(field(key), english, messageKey, params));
    }

    /** The field name of a key: the prefix and the key. */
    String field(String key) {
        return prefix + key;
    }

    /** A value fit to be quoted in a message: control characters escaped, at most {@value #MAX_QUOTED} characters. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_QUOTED).forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > MAX_QUOTED ? out + "…" : out.toString();
    }
}
