package org.portico.cms.json;

import java.io.ByteArrayInputStream;
import java.util.Objects;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * Reads JSON that comes from outside (CMS answers, webhook payloads) with one {@link JsonProvider}, and takes fields
 * out of it strictly: a field of the wrong type is an error, not a {@link ClassCastException}.
 *
 * <p>{@code jakarta.json.Json.createReader} looks the provider up with a {@link java.util.ServiceLoader} scan on
 * every call; an instance of this class holds its provider for good.
 *
 * <p>Immutable and thread-safe. Every method throws {@link JsonException} (unchecked) for input that is not JSON or
 * not of the expected shape; callers turn it into their own failure ("CMS unavailable", "webhook malformed").
 */
public final class JsonDocuments {

    /** Looked up on first use, not when this class loads. */
    private static final class DefaultProvider {
        static final JsonDocuments INSTANCE = new JsonDocuments(JsonProvider.provider());
    }

    private final JsonProvider provider;

    /** Reads with {@code provider}, e.g. one the container chose. */
    public JsonDocuments(JsonProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** Reads with the JSON-P provider found once on the class path (in WildFly: Parsson). */
    public static JsonDocuments withDefaultProvider() {
        return DefaultProvider.INSTANCE;
    }

    /**
     * The JSON value in {@code bytes}, whose encoding (UTF-8, -16 or -32) is detected as RFC 8259 allows.
     *
     * @throws JsonException when the bytes are not exactly one JSON value
     */
    public JsonValue parse(byte[] bytes) {
        // A parser rather than a reader: Parsson's reader ignores what follows the first value.
        try (JsonParser parser = provider.createParser(new ByteArrayInputStream(bytes))) {
            if (!parser.hasNext()) {
                throw new JsonException("no JSON value");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonException("more than one JSON value");
            }
            return value;
        }
    }

    /** {@code value} as an object; {@code what} names it in the error. */
    public static JsonObject asObject(JsonValue value, String what) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new JsonException(what + " must be a JSON object, got " + value.getValueType());
        }
        return value.asJsonObject();
    }

    /** {@code value} as an array; {@code what} names it in the error. */
    public static JsonArray asArray(JsonValue value, String what) {
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new JsonException(what + " must be a JSON array, got " + value.getValueType());
        }
        return value.asJsonArray();
    }

    /** The field {@code name}; empty when absent or {@code null}. */
    public static Optional<JsonValue> field(JsonObject object, String name) {
        JsonValue value = object.get(name);
        boolean absent = value == null || value.getValueType() == JsonValue.ValueType.NULL;
        return absent ? Optional.empty() : Optional.of(value);
    }

    /** The string field {@code name}; empty when absent or {@code null}, an error when of another type. */
    public static Optional<String> string(JsonObject object, String name) {
        return field(object, name).map(value -> {
            if (value.getValueType() != JsonValue.ValueType.STRING) {
                throw new JsonException("'" + name + "' must be a string, got " + value.getValueType());
            }
            return ((JsonString) value).getString();
        });
    }

    /** The string field {@code name}, which must be there. */
    public static String requiredString(JsonObject object, String name) {
        return string(object, name).orElseThrow(() -> new JsonException("'" + name + "' is missing"));
    }

    /** The object field {@code name}; empty when absent or {@code null}, an error when of another type. */
    public static Optional<JsonObject> object(JsonObject object, String name) {
        return field(object, name).map(value -> asObject(value, "'" + name + "'"));
    }

    /** The object field {@code name}, which must be there. */
    public static JsonObject requiredObject(JsonObject object, String name) {
        return object(object, name).orElseThrow(() -> new JsonException("'" + name + "' is missing"));
    }
}
