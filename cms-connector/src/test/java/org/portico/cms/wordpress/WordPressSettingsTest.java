package org.portico.cms.wordpress;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portico.cms.http.HttpEndpoint;

class WordPressSettingsTest {

    @Test
    void defaults() {
        WordPressSettings settings = WordPressSettings.builder("https://cms.example.org").build();

        assertAll(
                () -> assertEquals(URI.create("https://cms.example.org/"), settings.endpoint().baseUrl()),
                () -> assertEquals(Duration.ofSeconds(5), settings.endpoint().timeout()),
                () -> assertEquals(2 * 1024 * 1024, settings.endpoint().maxAnswerBytes()),
                () -> assertEquals(Optional.empty(), settings.credentials()),
                () -> assertEquals(Optional.empty(), settings.siteLanguage()));
    }

    @Test
    void allSet() {
        WordPressSettings settings = WordPressSettings.builder(HttpEndpoint.of("http://127.0.0.1:18080/")
                        .withTimeout(Duration.ofSeconds(2)).withMaxAnswerBytes(65_536))
                .credentials("portico", "abcd EFGH 1234 ijkl MNOP 6789")
                .siteLanguage(Locale.GERMAN)
                .build();

        assertAll(
                () -> assertEquals("portico", settings.credentials().orElseThrow().user()),
                () -> assertEquals(Optional.of(Locale.GERMAN), settings.siteLanguage()),
                () -> assertEquals(Duration.ofSeconds(2), settings.endpoint().timeout()),
                () -> assertEquals(65_536, settings.endpoint().maxAnswerBytes()));
    }

    @Test
    void rootAsSiteLanguageIsNoSiteLanguage() {
        assertEquals(Optional.empty(), WordPressSettings.builder("https://cms.example.org/").siteLanguage(Locale.ROOT)
                .build().siteLanguage());
    }

    @Test
    void theApplicationPasswordIsNeverShown() {
        WordPressSettings settings = WordPressSettings.builder("https://cms.example.org/")
                .credentials("portico", "abcd EFGH 1234 ijkl MNOP 6789").build();

        assertAll(
                () -> assertFalse(settings.toString().contains("abcd"), settings.toString()),
                () -> assertTrue(settings.toString().contains("user=portico"), settings.toString()));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' / ''{1}''")
    @CsvSource({"'', secret-secret", "'  ', secret-secret", "a:b, secret-secret", "portico, ''", "portico, '   '"})
    void credentialsMustBeComplete(String user, String password) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordPressSettings.builder("https://cms.example.org/").credentials(user, password));
        assertFalse(!password.isBlank() && e.getMessage().contains(password), "never the password");
    }
}
