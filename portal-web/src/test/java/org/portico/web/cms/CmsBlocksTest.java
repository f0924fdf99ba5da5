package org.portico.web.cms;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentUnavailableException;
import org.portico.cms.cache.CachingContentSource;
import org.portico.web.settings.TestConfigs;

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
        CmsCacheSettings defaults = CmsCacheSettings.read(TestConfigs.of(Map.of()));
        defaults.applyTo(builder()).build();
        assertEquals(new CmsCacheSettings(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofDays(1),
                Locale.ENGLISH), defaults);
    }

    @Test
    void badCacheSettingsStopStartUpNamingThePropertyAndAValidValue() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CmsCacheSettings.read(TestConfigs.of(Map.of("portico.cms.cache.fresh-for", "PT0S"))));
        assertTrue(e.getMessage().startsWith("portico.cms.cache.fresh-for must be an ISO-8601 duration between PT1S"
                + " and P30D such as PT1M, got 'PT0S'"), e.getMessage());
        IllegalStateException locale = assertThrows(IllegalStateException.class,
                () -> CmsCacheSettings.read(TestConfigs.of(Map.of("portico.cms.default-locale", "not a locale"))));
        assertTrue(locale.getMessage().startsWith("portico.cms.default-locale must be a BCP 47"), locale.getMessage());
    }

    private static CachingContentSource.Builder builder() {
        return CachingContentSource.builder((kind, key, locale) -> Optional.empty());
    }
}
