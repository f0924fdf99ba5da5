package org.portico.web.tile;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.web.problem.FieldMessage;

class DataTileSettingsTest {

    static final String INVOICES = """
            {"app":"demo-app","url":"http://localhost:8080/demo-app/api/invoices","list":"/items","title":"/customer",
             "subtitle":"/amount","date":"/issued","id":"/id","route":"invoice","param":"id","limit":5}""";

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** The settings with one key replaced by a JSON value, or removed (null). */
    static JsonObject replaced(String key, String jsonValue) {
        var builder = Json.createObjectBuilder(json(INVOICES));
        if (jsonValue == null) {
            builder.remove(key);
        } else {
            builder.add(key, Json.createReader(new StringReader("[" + jsonValue + "]")).readArray().get(0));
        }
        return builder.build();
    }

    static Map<String, String> keysOf(List<FieldMessage> problems) {
        return problems.stream().collect(Collectors.toMap(FieldMessage::field, FieldMessage::key, (a, b) -> a + "," + b));
    }

    @Test
    void theDesignsExampleReads() {
        DataTileSettings settings = DataTileSettings.read(json(INVOICES)).settings().orElseThrow();

        assertEquals(new DataTileSettings("demo-app", "http://localhost:8080/demo-app/api/invoices", "/items",
                "/customer", "/amount", "/issued", "/id", "invoice", "id", 5), settings);
    }

    @Test
    void subtitleAndDateAreOptionalAndTheEmptyPointerIsTheWholeAnswer() {
        JsonObject json = Json.createObjectBuilder(replaced("list", "\"\"")).remove("subtitle").remove("date").build();

        DataTileSettings settings = DataTileSettings.read(json).settings().orElseThrow();

        assertAll(() -> assertEquals("", settings.list()),
                () -> assertEquals(null, settings.subtitle()),
                () -> assertEquals(null, settings.date()));
    }

    @Test
    void everyProblemIsReportedAtOnceUnderItsKey() {
        JsonObject json = json("""
                {"app":7,"list":"items","title":"/a~2","id":"x","route":"  ","param":"id","limit":21,
                 "subtitle":["/x"]}""");

        DataTileSettings.Read read = DataTileSettings.read(json);

        assertAll(() -> assertTrue(read.settings().isEmpty()),
                () -> assertEquals(Map.of(
                        "app", "tile.settings.text",
                        "url", "tile.settings.required",
                        "list", "tile.settings.pointer",
                        "title", "tile.settings.pointer",
                        "subtitle", "tile.settings.text",
                        "id", "tile.settings.pointer",
                        "route", "tile.settings.required",
                        "limit", "tile.settings.limit"), keysOf(read.problems())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "21", "2.5", "\"5\"", "-1", "null"})
    void theLimitIsAWholeNumberFromOneToTwenty(String limit) {
        DataTileSettings.Read read = DataTileSettings.read(replaced("limit", limit));

        assertEquals(Map.of("limit", "tile.settings.limit"), keysOf(read.problems()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "20", "20.0"})
    void limitsInRangeRead(String limit) {
        assertTrue(DataTileSettings.read(replaced("limit", limit)).problems().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/items/0", "/a~1b", "/m~0n", "/", "/items/-"})
    void pointersOfRfc6901Read(String pointer) {
        assertTrue(DataTileSettings.read(replaced("list", "\"" + pointer + "\"")).problems().isEmpty(), pointer);
    }

    @Test
    void withoutSettingsEveryRequiredKeyIsMissing() {
        DataTileSettings.Read read = DataTileSettings.read(null);

        assertEquals(Map.of("app", "tile.settings.required", "url", "tile.settings.required",
                "list", "tile.settings.required", "title", "tile.settings.required", "id", "tile.settings.required",
                "route", "tile.settings.required", "param", "tile.settings.required", "limit", "tile.settings.limit"),
                keysOf(read.problems()));
    }
}
