package org.portico.web.json;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFieldsTest {

    private final List<String> problems = new ArrayList<>();

    private JsonFields fields(String json) {
        return new JsonFields(Json.createReader(new StringReader(json)).readObject(),
                (field, message) -> problems.add(field + " " + message));
    }

    @Test
    void readsWhatHasTheRightTypeAndFallsBackForMissingAndNull() {
        JsonFields fields = fields("""
                {"s": "text", "a": ["x", "y"], "b": false, "n": 42, "big": 3000000000, "nothing": null}""");
        assertAll(
                () -> assertEquals("text", fields.string("s", "fallback")),
                () -> assertEquals("fallback", fields.string("missing", "fallback")),
                () -> assertEquals("fallback", fields.string("nothing", "fallback")),
                () -> assertEquals(List.of("x", "y"), fields.strings("a")),
                () -> assertEquals(List.of(), fields.strings("missing")),
                () -> assertFalse(fields.bool("b", true)),
                () -> assertTrue(fields.bool("nothing", true)),
                () -> assertEquals(42L, fields.whole("n")),
                () -> assertEquals(3_000_000_000L, fields.whole("big")),
                () -> assertEquals(42, fields.integer("n", "is out of range")),
                () -> assertNull(fields.integer("missing", "is out of range")),
                () -> assertEquals(List.of(), problems));
    }

    @Test
    void reportsEveryValueOfTheWrongTypeAndReadsItAsMissing() {
        JsonFields fields = fields("""
                {"s": 1, "a": ["x", 2], "b": "yes", "n": 1.5, "huge": 99999999999999999999, "big": 3000000000}""");
        assertAll(
                () -> assertNull(fields.string("s", "fallback")),
                () -> assertEquals(List.of(), fields.strings("a")),
                () -> assertTrue(fields.bool("b", true)),
                () -> assertNull(fields.whole("n")),
                () -> assertNull(fields.whole("huge")),
                () -> assertNull(fields.integer("big", "is out of range")));
        assertEquals(List.of("s must be a string", "a must be an array of strings", "b must be true or false",
                "n must be a whole number", "huge must be a whole number", "big is out of range"), problems);
    }
}
