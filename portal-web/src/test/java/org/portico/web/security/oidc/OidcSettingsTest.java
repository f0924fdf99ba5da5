package org.portico.web.security.oidc;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OidcSettingsTest {

    private static OidcSettings read(Map<String, String> values) {
        return OidcSettings.from(key -> Optional.ofNullable(values.get(key)));
    }

    private static Map<String, String> minimal() {
        Map<String, String> values = new HashMap<>();
        values.put("portico.oidc.issuer", "https://login.example.org/realms/portico");
        values.put("portico.oidc.client-id", "portico");
        values.put("portico.oidc.client-secret", "s3cret-value");
        return values;
    }

    @Test
    void offByDefault() {
        OidcSettings settings = read(Map.of());

        assertAll(
                () -> assertFalse(settings.enabled()),
                () -> assertEquals(Optional.empty(), settings.issuerOrigin()),
                () -> assertFalse(read(Map.of("portico.oidc.issuer", "  ")).enabled(), "blank counts as not set"));
    }

    @Test
    void issuerClientIdAndSecretAreEnoughTheRestHasDefaults() {
        OidcSettings settings = read(minimal());

        assertAll(
                () -> assertTrue(settings.enabled()),
                () -> assertEquals(URI.create("https://login.example.org/realms/portico"), settings.issuer()),
                () -> assertEquals(List.of("openid", "profile", "email"), settings.scopes()),
                () -> assertEquals("groups", settings.roles().claim()),
                () -> assertEquals("end-user", settings.roles().defaultRole().orElseThrow().roleName()),
                () -> assertEquals("login.example.org", settings.displayName()),
                () -> assertEquals(Optional.of("https://login.example.org"), settings.issuerOrigin()));
    }

    @Test
    void theSecretNeverShowsInToString() {
        assertFalse(read(minimal()).toString().contains("s3cret-value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"login.example.org", "ftp://login.example.org", "http://login.example.org",
            "https://login.example.org/?realm=x", "https://user@login.example.org", "https://"})
    void anIssuerThatIsNotAnHttpsUrlStopsStartUp(String issuer) {
        Map<String, String> values = minimal();
        values.put("portico.oidc.issuer", issuer);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> read(values));

        assertTrue(e.getMessage().startsWith("portico.oidc.issuer must be the provider's issuer URL"), e.getMessage());
        assertTrue(e.getMessage().contains("such as https://login.example.org/realms/portico"), e.getMessage());
    }

    @Test
    void plainHttpIsAcceptedForLocalProviders() {
        Map<String, String> values = minimal();
        values.put("portico.oidc.issuer", "http://127.0.0.1:9000");

        assertEquals(Optional.of("http://127.0.0.1:9000"), read(values).issuerOrigin());
    }

    @Test
    void clientIdAndSecretAreRequiredWithAnIssuer() {
        Map<String, String> noId = minimal();
        noId.remove("portico.oidc.client-id");
        Map<String, String> noSecret = minimal();
        noSecret.remove("portico.oidc.client-secret");

        assertAll(
                () -> assertTrue(assertThrows(IllegalStateException.class, () -> read(noId)).getMessage()
                        .startsWith("portico.oidc.client-id must be set when portico.oidc.issuer is")),
                () -> assertTrue(assertThrows(IllegalStateException.class, () -> read(noSecret)).getMessage()
                        .contains("PORTICO_OIDC_CLIENT_SECRET")));
    }

    @Test
    void clientSettingsWithoutAnIssuerAreAMistakeNotSilence() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> read(Map.of("portico.oidc.client-id", "portico")));

        assertTrue(e.getMessage().startsWith("portico.oidc.client-id is set but portico.oidc.issuer is not"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"profile email", "openid \"profile\"", "openid\\x"})
    void scopesMustIncludeOpenid(String scopes) {
        Map<String, String> values = minimal();
        values.put("portico.oidc.scopes", scopes);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> read(values));

        assertTrue(e.getMessage().contains("such as 'openid profile email', got '" + scopes + "'"), e.getMessage());
    }

    @Test
    void everythingCanBeSet() {
        Map<String, String> values = minimal();
        values.put("portico.oidc.scopes", "openid profile groups");
        values.put("portico.oidc.roles-claim", "realm_access.roles");
        values.put("portico.oidc.role-mapping", "admins=site-admin");
        values.put("portico.oidc.default-role", "none");
        values.put("portico.oidc.display-name", "Contoso Login");

        OidcSettings settings = read(values);

        assertAll(
                () -> assertEquals(List.of("openid", "profile", "groups"), settings.scopes()),
                () -> assertEquals("realm_access.roles", settings.roles().claim()),
                () -> assertEquals(Optional.empty(), settings.roles().defaultRole()),
                () -> assertEquals("Contoso Login", settings.displayName()));
    }
}
