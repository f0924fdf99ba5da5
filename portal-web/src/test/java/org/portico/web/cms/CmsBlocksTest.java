package org.portico.web.cms;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentUnavailableException;
import org.portico.cms.cache.CachingContentSource;

class CmsBlocksTest {

    @Test
    void rendersTheBlockBodyOrNothing() {
        CmsBlocks cms = new CmsBlocks();
        cms.content = (kind, key, locale) -> key.equals("welcome")
                ? Optional.of(new ContentItem(ContentKind.BLOCK, key, Locale.ENGLISH, "Welcome", "<p>Hello</p>",
                        Instant.EPOCH))
                : Optional.empty();
        assertAll(
                () -> assertEquals("<p>Hello</p>", cms.render("welcome", Locale.GERMAN)),
                () -> assertEquals("", cms.render("missing", Locale.GERMAN)),
                () -> assertEquals("", cms.block(null)));
    }

    @Test
    void anUnavailableCmsLeavesTheBlockOutInsteadOfBreakingThePage() {
        CmsBlocks cms = new CmsBlocks();
        cms.content = (kind, key, locale) -> {
            throw new ContentUnavailableException("down", null);
        };
        assertEquals("", cms.render("welcome", Locale.GERMAN));
    }

    @Test
    void defaultCacheSettingsAreValid() {
        new CmsCacheSettings("PT1M", "PT10M", "P1D", "en").applyTo(builder()).build();
    }

    @Test
    void badCacheSettingsStopStartUpNamingThePropertyAndAValidValue() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new CmsCacheSettings("PT0S", "PT10M", "P1D", "en").applyTo(builder()));
        assertTrue(e.getMessage().startsWith("portico.cms.cache.fresh-for must be an ISO-8601 duration between PT1S"
                + " and P30D, e.g. 'PT1M', got 'PT0S'"), e.getMessage());
        IllegalStateException locale = assertThrows(IllegalStateException.class,
                () -> new CmsCacheSettings("PT1M", "PT10M", "P1D", "not a locale").applyTo(builder()));
        assertTrue(locale.getMessage().startsWith("portico.cms.default-locale must be a BCP 47"), locale.getMessage());
    }

    private static CachingContentSource.Builder builder() {
        return CachingContentSource.builder((kind, key, locale) -> Optional.empty());
    }
}
