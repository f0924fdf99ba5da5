package org.portico.web.tile;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The markup of a warm tile: what tile.js builds, every text and attribute escaped. */
class TileHtmlTest {

    private static final Instant ISSUED = Instant.parse("2026-11-30T10:15:00Z");

    @Test
    void itemsBecomeLinksWithTheirSubtitleAndDate() {
        DataTileBodies.Body body = new DataTileBodies.Body(DataTileBodies.State.ITEMS, List.of(
                new DataTileBodies.Item("ACME Corp", "EUR 1,250.00", ISSUED, true, "/link/invoice/42", false),
                new DataTileBodies.Item("Globex", null, null, false, "/link/invoice/43", true),
                new DataTileBodies.Item("No route", null, null, false, null, false)));

        String html = TileHtml.of(body, Locale.ENGLISH, "/portico");

        assertEquals("<ul class=\"portico-data-tile-items\">"
                + "<li><a class=\"portico-data-tile-link\" href=\"/portico/link/invoice/42\">ACME Corp</a>"
                + "<span class=\"portico-data-tile-subtitle\">EUR 1,250.00</span>"
                + "<time class=\"portico-data-tile-date portico-muted\" datetime=\"2026-11-30T10:15:00Z\">"
                + "November 30, 2026</time></li>"
                + "<li><a class=\"portico-data-tile-link\" href=\"/portico/link/invoice/43\" target=\"_blank\""
                + " rel=\"noopener noreferrer\">Globex</a></li>"
                + "<li><span class=\"portico-data-tile-title\">No route</span></li></ul>", html);
    }

    @Test
    void whatTheAppSaysIsTextNeverMarkup() {
        DataTileBodies.Body body = new DataTileBodies.Body(DataTileBodies.State.ITEMS, List.of(
                new DataTileBodies.Item("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", null, false,
                        "/link/invoice/%22%3E", false)));

        String html = TileHtml.of(body, Locale.ENGLISH, "");

        assertAll(() -> assertFalse(html.contains("<script"), html),
                () -> assertFalse(html.contains("<img"), html),
                () -> assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html),
                () -> assertTrue(html.contains("href=\"/link/invoice/%22%3E\""), html));
    }

    @Test
    void anEmptyAnswerSaysSoInThePagesLanguage() {
        DataTileBodies.Body empty = new DataTileBodies.Body(DataTileBodies.State.EMPTY, List.of());

        assertAll(
                () -> assertEquals("<p class=\"portico-muted portico-data-tile-empty\">Nothing to show yet.</p>",
                        TileHtml.of(empty, Locale.ENGLISH, "")),
                () -> assertEquals("<p class=\"portico-muted portico-data-tile-empty\">Noch nichts anzuzeigen.</p>",
                        TileHtml.of(empty, Locale.GERMAN, "")));
    }
}
