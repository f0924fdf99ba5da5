package org.portico.web.tile;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

class TileItemsTest {

    private static final DataTileSettings INVOICES = new DataTileSettings("demo-app",
            "http://localhost:8080/demo-app/api/invoices", "/items", "/customer", "/amount", "/issued", "/id",
            "invoice", "id", 5);

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void itemsAreMappedWithThePointersInOrder() {
        List<TileItem> items = TileItems.map(json("""
                {"items":[{"id":42,"customer":"ACME","amount":"EUR 12.50","issued":"2026-12-01T09:30:00Z"},
                          {"id":"43","customer":"Globex","amount":99,"issued":"2026-11-30"}]}"""), INVOICES);

        assertEquals(List.of(
                new TileItem("42", "ACME", "EUR 12.50", Instant.parse("2026-12-01T09:30:00Z"), false),
                new TileItem("43", "Globex", "99", Instant.parse("2026-11-30T00:00:00Z"), true)), items);
    }

    @Test
    void entriesWithoutTitleOrIdAreSkippedAndOptionalFieldsMayBeMissing() {
        List<TileItem> items = TileItems.map(json("""
                {"items":[{"customer":"no id"},{"id":1},{"id":2,"customer":""},{"id":{"x":1},"customer":"object id"},
                          "a string", null, [1],
                          {"id":3,"customer":"bare"},
                          {"id":4,"customer":"odd date","issued":"yesterday","amount":true}]}"""), INVOICES);

        assertEquals(List.of(new TileItem("3", "bare", null, null, false),
                new TileItem("4", "odd date", null, null, false)), items);
    }

    @Test
    void aListThatIsNotAnArrayOrNotThereMakesTheTileUnavailable() {
        assertAll(
                () -> assertThrows(TileUnavailableException.class,
                        () -> TileItems.map(json("{\"items\":{\"id\":1,\"customer\":\"x\"}}"), INVOICES)),
                () -> assertThrows(TileUnavailableException.class,
                        () -> TileItems.map(json("{\"data\":[]}"), INVOICES)),
                () -> assertThrows(TileUnavailableException.class, () -> TileItems.map(json("[1,2]"), INVOICES)),
                () -> assertThrows(TileUnavailableException.class, () -> TileItems.map(json("\"text\""), INVOICES)));
    }

    @Test
    void noMoreThanTheLimitCountingOnlyUsableEntries() {
        String entries = IntStream.range(0, 30)
                .mapToObj(i -> i % 2 == 0 ? "{\"id\":" + i + ",\"customer\":\"c" + i + "\"}" : "{}")
                .reduce((a, b) -> a + "," + b).orElseThrow();

        List<TileItem> items = TileItems.map(json("{\"items\":[" + entries + "]}"), INVOICES);

        assertEquals(List.of("0", "2", "4", "6", "8"), items.stream().map(TileItem::id).toList());
    }

    @Test
    void theWholeAnswerCanBeTheListAndPointersCanReachDeep() {
        DataTileSettings settings = new DataTileSettings("a", "http://a.example/", "", "/meta/title", null, null,
                "/keys/0", "r", "id", 20);

        List<TileItem> items = TileItems.map(json("""
                [{"meta":{"title":"Deep"},"keys":["k-1","k-2"]},{"meta":{},"keys":[]}]"""), settings);

        assertEquals(List.of(new TileItem("k-1", "Deep", null, null, false)), items);
    }

    @Test
    void longTextsAreCutAndOverlongIdsSkipped() {
        String longText = "x".repeat(500);
        List<TileItem> items = TileItems.map(json("{\"items\":[{\"id\":\"" + "9".repeat(501) + "\",\"customer\":\"a\"},"
                + "{\"id\":\"1\",\"customer\":\"" + longText + "\"}]}"), INVOICES);

        assertAll(() -> assertEquals(1, items.size()),
                () -> assertEquals(TileItems.MAX_TEXT, items.get(0).title().length()),
                () -> assertTrue(items.get(0).title().endsWith("…")));
    }
}
