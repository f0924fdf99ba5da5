package org.portico.cms.json;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class JsonDocumentsTest {

    private final JsonDocuments json = JsonDocuments.withDefaultProvider();

    private JsonObject object(String text) {
        return JsonDocuments.asObject(json.parse(text.getBytes(StandardCharsets.UTF_8)), "the document");
    }

    @Test
    void oneProviderForGood() {
        assertSame(JsonDocuments.withDefaultProvider(), json);
    }

    @Test
    void readsUtf8AndUtf16() {
        assertAll(
                () -> assertEquals("Über", JsonDocuments.requiredString(object("{\"t\":\"Über\"}"), "t")),
                () -> assertEquals("Über", JsonDocuments.requiredString(JsonDocuments.asObject(
                        json.parse("{\"t\":\"Über\"}".getBytes(StandardCharsets.UTF_16LE)), "utf-16"), "t")));
    }

    @Test
    void fieldsAreTakenStrictly() {
        JsonObject document = object("{\"s\":\"x\",\"n\":1,\"z\":null,\"o\":{}}");

        assertAll(
                () -> assertEquals(Optional.of("x"), JsonDocuments.string(document, "s")),
                () -> assertEquals(Optional.empty(), JsonDocuments.string(document, "z")),
                () -> assertEquals(Optional.empty(), JsonDocuments.string(document, "absent")),
                () -> assertEquals("'n' must be a string, got NUMBER",
                        assertThrows(JsonException.class, () -> JsonDocuments.string(document, "n")).getMessage()),
                () -> assertEquals("'absent' is missing",
                        assertThrows(JsonException.class, () -> JsonDocuments.requiredString(document, "absent"))
                                .getMessage()),
                () -> assertEquals("'s' must be a JSON object, got STRING",
                        assertThrows(JsonException.class, () -> JsonDocuments.object(document, "s")).getMessage()),
                () -> assertEquals(JsonObject.EMPTY_JSON_OBJECT, JsonDocuments.requiredObject(document, "o")),
                () -> assertEquals("the document must be a JSON array, got OBJECT",
                        assertThrows(JsonException.class, () -> JsonDocuments.asArray(document, "the document"))
                                .getMessage()));
    }

    @Test
    void notJsonIsAJsonException() {
        assertAll(
                () -> assertThrows(JsonException.class, () -> json.parse("<html>".getBytes(StandardCharsets.UTF_8))),
                () -> assertThrows(JsonException.class,
                        () -> json.parse("{\"a\":1} trailing".getBytes(StandardCharsets.UTF_8))),
                () -> assertThrows(JsonException.class, () -> json.parse(new byte[0])));
    }
}
