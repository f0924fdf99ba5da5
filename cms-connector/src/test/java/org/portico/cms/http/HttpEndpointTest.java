package org.portico.cms.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpEndpointTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
            "https://cms.example.org,        https://cms.example.org/",
            "https://cms.example.org/,       https://cms.example.org/",
            "http://127.0.0.1:18080,         http://127.0.0.1:18080/",
            "' https://cms.example.org/ ',   https://cms.example.org/",
            "https://example.org/blog,       https://example.org/blog/",
            "HTTPS://cms.example.org/cms/,   HTTPS://cms.example.org/cms/"})
    void baseUrlsEndInASlash(String given, String expected) {
        assertEquals(URI.create(expected), HttpEndpoint.of(given).baseUrl());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "cms.example.org", "ftp://cms.example.org/", "file:///etc/passwd",
            "https://user:pw@cms.example.org/", "https://cms.example.org/?rest_route=/", "https://cms.example.org/#x",
            "mailto:cms@example.org", "https:///path", "https://cms example.org/"})
    void otherUrlsAreRefusedWithAnExample(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpEndpoint.of(url));
        assertEquals(true, e.getMessage().startsWith("baseUrl must be an http or https URL without user info, query or"
                + " fragment such as https://cms.example.org/, got '"), e.getMessage());
    }

    @Test
    void limitsAreCheckedWithTheirRange() {
        HttpEndpoint endpoint = HttpEndpoint.of("https://cms.example.org/");

        assertAll(
                () -> assertEquals(Duration.ofSeconds(5), endpoint.timeout()),
                () -> assertEquals(2 * 1024 * 1024, endpoint.maxAnswerBytes()),
                () -> assertEquals("timeout must be between PT0.1S and PT1M, got 'PT0.05S'",
                        assertThrows(IllegalArgumentException.class,
                                () -> endpoint.withTimeout(Duration.ofMillis(50))).getMessage()),
                () -> assertThrows(IllegalArgumentException.class, () -> endpoint.withTimeout(Duration.ofMinutes(2))),
                () -> assertThrows(IllegalArgumentException.class, () -> endpoint.withTimeout(null)),
                () -> assertEquals("maxAnswerBytes must be between 1024 and 67108864, got 10",
                        assertThrows(IllegalArgumentException.class, () -> endpoint.withMaxAnswerBytes(10))
                                .getMessage()),
                () -> assertEquals(Duration.ofMillis(300), endpoint.withTimeout(Duration.ofMillis(300)).timeout()));
    }

    @Test
    void pathsAndQueriesResolveUnderTheBase() {
        HttpEndpoint blog = HttpEndpoint.of("https://example.org/blog");

        assertAll(
                () -> assertEquals(URI.create("https://example.org/blog/wp-json/wp/v2/pages?slug=about"),
                        blog.resolve("wp-json/wp/v2/pages", Query.of().add("slug", "about"))),
                () -> assertEquals(URI.create("https://example.org/blog/wp-json/"),
                        blog.resolve("wp-json/", Query.of())));
    }
}
