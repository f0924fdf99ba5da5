package org.portico.demoapp.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.portico.demoapp.verify.LinkToken;
import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the page shows, and that text from the URL or the token is never markup. */
class PanelTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static LinkToken token(String name, Map<String, String> params) {
        return new LinkToken("alice", Optional.ofNullable(name), Optional.empty(), List.of("end-user", "site-admin"),
                "invoice", params, "jti-1", NOW.minusSeconds(10), NOW.plusSeconds(290), "http://127.0.0.1:8280",
                List.of("http://127.0.0.1:8280/demo-app"), "kid-1", "ES256");
    }

    @Test
    void aVerifiedTokenShowsTheUserTheRouteTheParametersAndReadableTimes() {
        Panel panel = Panel.of(new Outcome.Verified(token("Alice Example", Map.of("id", "42"))), CLOCK);
        String html = panel.toHtml();

        assertAll(
                () -> assertEquals("verified", panel.state()),
                () -> assertTrue(html.contains("data-field=\"sub\"><dt>User (sub)</dt><dd>alice</dd>"), html),
                () -> assertTrue(html.contains("<dd class=\"muted\">not shared with this app</dd>"), "no email: " + html),
                () -> assertTrue(html.contains("<ul><li>end-user</li><li>site-admin</li></ul>"), html),
                () -> assertTrue(html.contains("<dd>id = 42</dd>"), html),
                () -> assertTrue(html.contains("<dd>2026-03-01 10:04:50 UTC (4 min 50 s from now)</dd>"), html),
                () -> assertTrue(html.contains("<dd>2026-03-01 09:59:50 UTC (10 s ago)</dd>"), html),
                () -> assertTrue(html.contains("<dd>kid-1 (ES256)</dd>"), html));
    }

    @Test
    void textFromTheTokenIsEscapedInHtml() {
        String html = Panel.of(new Outcome.Verified(token("<img src=x onerror=alert(1)>", Map.of("q", "\"><script>"))),
                CLOCK).toHtml();

        assertAll(
                () -> assertFalse(html.contains("<img"), html),
                () -> assertFalse(html.contains("<script"), html),
                () -> assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html),
                () -> assertTrue(html.contains("q = &quot;&gt;&lt;script&gt;"), html));
    }

    @Test
    void aRefusedTokenShowsTheReasonAndWhatItsHeaderSaid() {
        Panel panel = Panel.of(new Outcome.Refused(Reason.WRONG_TYPE, "The token's typ is 'at+jwt'.",
                new Outcome.SentHeader("at+jwt", "ES256", "k'1")), CLOCK);

        assertAll(
                () -> assertEquals("refused", panel.state()),
                () -> assertEquals("wrong_type", panel.reason()),
                () -> assertEquals("Refused: wrong typ", panel.title()),
                () -> assertTrue(panel.toHtml().contains("data-state=\"refused\" data-reason=\"wrong_type\""), panel.toHtml()),
                () -> assertTrue(panel.toHtml().contains("<dd>k&#39;1</dd>"), panel.toHtml()),
                () -> assertEquals(List.of("reason", "typ", "alg", "kid"),
                        panel.rows().stream().map(Panel.Row::field).toList()));
    }

    @Test
    void theJsonCarriesTheSamePanelForThePagesScript() {
        Map<String, Object> json = Panel.of(new Outcome.Refused(Reason.MALFORMED, "Not a JWT.",
                Outcome.SentHeader.peek("garbage")), CLOCK).toJson();

        assertEquals(Map.of("state", "refused", "reason", "malformed", "title", "Refused: malformed",
                "message", "Not a JWT.", "rows", List.of(Map.of("field", "reason", "label", "Reason",
                        "values", List.of("malformed"), "muted", false))), json);
    }

    @Test
    void withoutATokenThePageSaysSoPlainly() {
        Panel panel = Panel.of(new Outcome.NoToken(), CLOCK);

        assertEquals("No Portico token", panel.title());
        assertTrue(panel.message().startsWith("Open this app through a Portico link:"), panel.message());
        assertEquals("none", panel.state());
    }

    @Test
    void thePageEscapesThePathItShows() {
        String page = Page.render("/demo-app", "/demo-app/x\"><script>alert(1)</script>?a=<b>",
                Panel.of(new Outcome.NoToken(), CLOCK), URI.create("http://127.0.0.1:8080"));

        assertAll(
                () -> assertFalse(page.contains("<script>alert"), page),
                () -> assertTrue(page.contains("/demo-app/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;?a=&lt;b&gt;"), page),
                () -> assertFalse(page.contains("style="), "no inline styles"),
                () -> assertTrue(page.contains("<script src=\"/demo-app/assets/demo-app.js\" defer></script>"), page));
    }
}
