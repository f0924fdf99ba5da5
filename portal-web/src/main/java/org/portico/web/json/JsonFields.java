package org.portico.web.json;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads typed fields of one JSON object from a request body. A missing field and {@code null} read as the fallback;
 * a value of the wrong type is handed to {@code problem} (the field's name and what it must be, such as
 * "must be a string") and reads as missing, so that one answer can list every problem of a body.
 */
public final class JsonFields {

    private final JsonObject json;
    private final BiConsumer<String, String> problem;

    public JsonFields(JsonObject json, BiConsumer<String, String> problem) {
        this.json = Objects.requireNonNull(json, "json");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The field's value, {@code null} when it is missing or JSON {@code null}. */
    public JsonValue value(String field) {
        JsonValue value = json.get(field);
        return value == JsonValue.NULL ? null : value;
    }

    /** Reports a problem with the field. */
    public void problem(String field, String message) {
        problem.accept(field, message);
    }

    /** A string, {@code fallback} when missing, {@code null} when not a string. */
    public String string(String field, String fallback) {
        JsonValue value = value(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        problem(field, "must be a string");
        return null;
    }

    /** An array of strings, empty when missing or not such an array. */
    public List<String> strings(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof JsonArray array && array.stream().allMatch(item -> item instanceof JsonString)) {
            return array.getValuesAs(JsonString::getString);
        }
        problem(field, "must be an array of strings");
        return List.of();
    }

    /** {@code true} or {@code false}, {@code fallback} when missing or not a boolean. */
    public boolean bool(String field, boolean fallback) {
        JsonValue value = value(field);
        if (value == null) {
            return fallback;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        problem(field, "must be true or false");
        return fallback;
    }

    /** A whole number within {@code long}'s range, {@code null} when missing or not such a number. */
    public Long whole(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException e) {
                // out of range: reported below
            }
        }
        problem(field, "must be a whole number");
        return null;
    }

    /**
     * A whole number within {@code int}'s range, {@code null} when missing or not such a number; {@code outOfRange}
     * is the problem of a whole number beyond that range.
     */
    public Integer integer(String field, String outOfRange) {
        Long value = whole(field);
        if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            problem(field, outOfRange);
            return null;
        }
        return value == null ? null : value.intValue();
    }
}
