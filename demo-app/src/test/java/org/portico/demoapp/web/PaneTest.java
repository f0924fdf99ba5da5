package org.portico.demoapp.web;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.portico.demoapp.verify.FakePortico;
import org.portico.demoapp.verify.MutableClock;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pane page: who may frame it, and what it carries for its script. */
class PaneTest {

    private final FakePortico portico = new FakePortico();

    @AfterEach
    void stop() {
        portico.close();
    }

    @Test
    void onlyPorticosOriginMayFrameThePaneTheRestOfTheAppStaysUnframeable() {
        assertAll(
                () -> assertEquals("default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
                        + " frame-ancestors http://127.0.0.1:8280", PaneServlet.contentSecurityPolicy(Optional.of("http://127.0.0.1:8280"))),
                () -> assertTrue(PaneServlet.contentSecurityPolicy(Optional.empty()).endsWith("frame-ancestors 'none'"),
                        "no Portico known: nobody may frame it"),
                () -> assertTrue(SecurityHeadersFilter.CONTENT_SECURITY_POLICY.endsWith("frame-ancestors 'self'")));
    }

    @Test
    void porticosOriginIsThatOfItsIssuerNotOfTheUrlTheAppReachesItAt() {
        // The run command: the demo app asks Portico at 127.0.0.1, Portico's public URL is localhost.
        portico.issuer("http://localhost:8080");
        LinkChecker checker = new LinkChecker(new DemoAppSettings(Optional.empty(), Optional.empty()), "/demo-app",
                new MutableClock(Instant.parse("2026-11-30T12:00:00Z")));

        assertEquals("http://localhost:8080", PaneServlet.origin(checker.portico(portico.url().getPort()).issuer()));
    }

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:8280, http://127.0.0.1:8280",
            "HTTPS://Portal.Example.org/, https://portal.example.org",
            "https://portal.example.org:443/portico, https://portal.example.org",
            "http://localhost:80, http://localhost",
            "https://[::1]:8443, https://[::1]:8443"})
    void theOriginIsWrittenAsBrowsersWriteIt(String issuer, String origin) {
        assertEquals(origin, PaneServlet.origin(issuer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"urn:portico", "ftp://portal.example.org", "portal.example.org"})
    void anIssuerThatIsNoHttpUrlHasNoOrigin(String issuer) {
        assertThrows(IllegalArgumentException.class, () -> PaneServlet.origin(issuer));
    }

    @Test
    void thePageCarriesTheOriginAndTheApiPathForItsScriptAndLoadsTheSnippet() {
        String page = PanePage.render("/demo-app", Optional.of("http://localhost:8280"), null);

        assertAll(
                () -> assertTrue(page.contains("<body class=\"pane\" data-portico-origin=\"http://localhost:8280\""
                        + " data-me-url=\"/demo-app/api/me\">"), page),
                () -> assertTrue(page.contains("<script src=\"/demo-app/assets/portico-pane.js\" defer></script>"), page),
                () -> assertTrue(page.contains("<h2 class=\"panel__title\" id=\"verified-user\">Waiting for Portico…</h2>"), page),
                () -> assertFalse(page.contains("style="), "no inline styles"),
                () -> assertFalse(page.contains("<script>"), "no inline scripts"));
    }

    @Test
    void withoutPorticoThePageSaysWhyEscaped() {
        String page = PanePage.render("/demo-app", Optional.empty(), "Could not read <discovery>");

        assertAll(
                () -> assertTrue(page.contains("data-portico-origin=\"\""), page),
                () -> assertTrue(page.contains("id=\"verified-user\">Not verified: Portico cannot be asked</h2>"), page),
                () -> assertTrue(page.contains("Could not read &lt;discovery&gt;"), page));
    }
}
