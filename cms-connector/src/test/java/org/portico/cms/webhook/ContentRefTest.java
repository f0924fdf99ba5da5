package org.portico.cms.webhook;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.cms.spi.ContentKind;

class ContentRefTest {

    @Test
    void cacheTagsNameSourceKindAndKey() {
        assertAll(
                () -> assertEquals("cms:wp-main:page:about",
                        new ContentRef("wp-main", ContentKind.PAGE, "about", Optional.empty()).cacheTag()),
                () -> assertEquals("cms:strapi:block:welcome",
                        new ContentRef("strapi", ContentKind.BLOCK, "welcome", Optional.of(Locale.GERMAN)).cacheTag()),
                () -> assertEquals("cms:strapi:block:welcome",
                        ContentRef.cacheTag("strapi", ContentKind.BLOCK, "welcome")));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "WP", "wp main", "wp:main", "-wp", "wp_main"})
    void sourceIdsAreLowerCaseWords(String sourceId) {
        assertEquals("sourceId must be 1 to 64 lower-case letters, digits and hyphens, such as 'wp-main', got '"
                + sourceId + "'", assertThrows(IllegalArgumentException.class,
                        () -> new ContentRef(sourceId, ContentKind.PAGE, "about", Optional.empty())).getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "a b", "a:b", "a\tb"})
    void keysFitInATag(String key) {
        assertThrows(IllegalArgumentException.class,
                () -> new ContentRef("wp", ContentKind.PAGE, key, Optional.empty()));
    }
}
