package org.portico.web.proxy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.web.proxy.ProxyOrigins.ProxyHost;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProxyOriginsTest {

    private static final String PORTICO = "https://portal.example";

    @Test
    void aPerAppTemplateGivesEachAppAnOriginOfItsOwn() {
        ProxyOrigins origins = ProxyOrigins.parse("https://{app}.apps.portal.example", PORTICO);

        assertAll(
                () -> assertTrue(origins.perApp()),
                () -> assertEquals("https://billing.apps.portal.example", origins.origin("billing")),
                () -> assertEquals("https://billing.apps.portal.example/apps/billing/x?y=1", origins.url("billing", "x?y=1")),
                () -> assertEquals(Optional.of(new ProxyHost("billing")),
                        origins.match("Billing.Apps.Portal.Example")),
                () -> assertTrue(origins.match("billing.apps.portal.example").get().serves("billing")),
                () -> assertFalse(origins.match("billing.apps.portal.example").get().serves("crm")));
    }

    @Test
    void requestsForOtherHostsAreNotProxyRequests() {
        ProxyOrigins origins = ProxyOrigins.parse("https://{app}.apps.portal.example", PORTICO);

        assertAll(
                () -> assertEquals(Optional.empty(), origins.match("portal.example")),
                () -> assertEquals(Optional.empty(), origins.match("apps.portal.example")),
                () -> assertEquals(Optional.empty(), origins.match("a.b.apps.portal.example")),
                () -> assertEquals(Optional.empty(), origins.match("x.apps.portal.example.evil")),
                () -> assertEquals(Optional.empty(), origins.match(null)));
    }

    @Test
    void aSharedOriginServesEveryProxiedApp() {
        ProxyOrigins origins = ProxyOrigins.parse("https://apps.portal.example/", PORTICO);

        assertAll(
                () -> assertFalse(origins.perApp()),
                () -> assertEquals("https://apps.portal.example", origins.origin("billing")),
                () -> assertTrue(origins.match("apps.portal.example").get().serves("billing")),
                () -> assertTrue(origins.match("apps.portal.example").get().serves("crm")));
    }

    @Test
    void onALoopbackNameTheDefaultIsAnOriginPerAppUnderLocalhost() {
        ProxyOrigins origins = ProxyOrigins.parse(ProxyOrigins.defaultTemplate("http://127.0.0.1:8380").orElseThrow(),
                "http://127.0.0.1:8380");

        assertAll(
                () -> assertEquals("http://demo-app.localhost:8380", origins.origin("demo-app")),
                () -> assertEquals(Optional.of(new ProxyHost("demo-app")), origins.match("demo-app.localhost")),
                () -> assertEquals(Optional.empty(), origins.match("127.0.0.1")),
                () -> assertEquals(Optional.empty(), origins.match("localhost")),
                () -> assertEquals(Optional.of("http://{app}.localhost"), ProxyOrigins.defaultTemplate("http://localhost")),
                () -> assertEquals(Optional.empty(), ProxyOrigins.defaultTemplate("https://portal.example")));
    }

    @Test
    void aProxyHostIsOneWhateverTheSchemeAndPortItIsAskedOn() {
        // behind a balancer that ends TLS, WildFly sees plain HTTP on its own port: still never Portico's pages
        ProxyOrigins origins = ProxyOrigins.parse("https://{app}.apps.portal.example", PORTICO);

        assertEquals(Optional.of(new ProxyHost("billing")), origins.match("billing.apps.portal.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://portal.example:8443", "http://portal.example"})
    void portalsOwnHostOnAnotherPortOrSchemeIsNoProxyOriginEither(String template) {
        // requests are told apart by host name, and cookies ignore ports
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProxyOrigins.parse(template, PORTICO));

        assertTrue(e.getMessage().contains("other hosts than Portico's own portal.example"), e.getMessage());
    }

    @Test
    void aPerAppPatternThatMatchesPorticosHostIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProxyOrigins.parse("https://{app}.example", "https://portal.example"));

        assertTrue(e.getMessage().contains("other hosts than Portico's own portal.example"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "apps.portal.example", "ftp://{app}.example", "https://{app}.example/path",
            "https://user@{app}.example", "https://{app}.{app}.example", "https://example/{app}", "https://portal.example"})
    void aTemplateThatIsNoOriginStopsTheStartWithAValidExample(String template) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProxyOrigins.parse(template, PORTICO));

        assertAll(
                () -> assertTrue(e.getMessage().startsWith("portico.proxy.origin must"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("https://{app}.apps.portal.example"), e.getMessage()),
                () -> assertTrue(e.getMessage().endsWith("got '" + template + "'"), e.getMessage()));
    }
}
