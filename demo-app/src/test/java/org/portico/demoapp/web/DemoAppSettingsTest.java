package org.portico.demoapp.web;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoAppSettingsTest {

    @Test
    void nothingSetMeansThisServerAndTheIssuersAudience() {
        DemoAppSettings settings = DemoAppSettings.from(name -> null);

        assertEquals(new DemoAppSettings(Optional.empty(), Optional.empty()), settings);
    }

    @Test
    void valuesAreTrimmedAndTheTrailingSlashDropped() {
        Map<String, String> values = Map.of("demo-app.portico-url", " https://portal.example.org/ ",
                "demo-app.audience", " https://portal.example.org/demo-app ");

        DemoAppSettings settings = DemoAppSettings.from(values::get);

        assertEquals(Optional.of(URI.create("https://portal.example.org")), settings.porticoUrl());
        assertEquals(Optional.of("https://portal.example.org/demo-app"), settings.audience());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8080", "ftp://portal.example.org", "http://", "http://portal.example.org/?x=1",
            "http://user@portal.example.org", "http://portal example.org"})
    void aBadPorticoUrlSaysWhatAGoodOneLooksLike(String value) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DemoAppSettings.from(name -> name.equals("demo-app.portico-url") ? value : null));

        assertTrue(e.getMessage().startsWith("demo-app.portico-url (DEMO_APP_PORTICO_URL) must be Portico's base URL"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("such as http://localhost:8080, got '" + value + "'"), e.getMessage());
    }

    @Test
    void environmentVariablesAreNamedAfterTheProperties() {
        assertEquals("DEMO_APP_PORTICO_URL", DemoAppSettings.environmentName("demo-app.portico-url"));
        assertEquals("DEMO_APP_AUDIENCE", DemoAppSettings.environmentName("demo-app.audience"));
    }
}
