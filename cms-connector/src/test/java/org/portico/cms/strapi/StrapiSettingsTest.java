package org.portico.cms.strapi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrapiSettingsTest {

    private static final String TOKEN = "4f1c0d6ab1e0c8a5f3d2e9b7a6c5d4e3";

    @Test
    void defaults() {
        StrapiSettings settings = StrapiSettings.builder("http://127.0.0.1:1337", TOKEN, "pages").build();

        assertAll(
                () -> assertEquals("http://127.0.0.1:1337/", settings.endpoint().baseUrl().toString()),
                () -> assertEquals(Optional.empty(), settings.blockCollection()),
                () -> assertEquals("slug", settings.slugField()),
                () -> assertEquals("title", settings.titleField()),
                () -> assertEquals("body", settings.bodyField()));
    }

    @Test
    void theTokenIsNeverShown() {
        StrapiSettings settings = StrapiSettings.builder("http://127.0.0.1:1337", TOKEN, "pages").build();

        assertAll(
                () -> assertFalse(settings.toString().contains(TOKEN), settings.toString()),
                () -> assertFalse(assertThrows(IllegalArgumentException.class,
                        () -> StrapiSettings.builder("http://127.0.0.1:1337", "has space " + TOKEN, "pages").build())
                        .getMessage().contains(TOKEN)));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "Pages", "api/pages", "pages?x", "1pages", "pages "})
    void collectionsAreApiIds(String collection) {
        assertAll(
                () -> assertEquals("pageCollection must be the plural API ID of a collection type (lower-case letters,"
                        + " digits and hyphens), such as 'pages', got '" + collection + "'",
                        assertThrows(IllegalArgumentException.class,
                                () -> StrapiSettings.builder("http://127.0.0.1:1337", TOKEN, collection).build())
                                .getMessage()),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> StrapiSettings.builder("http://127.0.0.1:1337", TOKEN, "pages")
                                .blockCollection(collection).build()));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "my field", "slug]", "a.b", "$eq"})
    void fieldsAreNames(String field) {
        StrapiSettings.Builder builder = StrapiSettings.builder("http://127.0.0.1:1337", TOKEN, "pages");

        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> builder.slugField(field).build()),
                () -> assertThrows(IllegalArgumentException.class, () -> StrapiSettings
                        .builder("http://127.0.0.1:1337", TOKEN, "pages").titleField(field).build()),
                () -> assertThrows(IllegalArgumentException.class, () -> StrapiSettings
                        .builder("http://127.0.0.1:1337", TOKEN, "pages").bodyField(field).build()));
    }
}
