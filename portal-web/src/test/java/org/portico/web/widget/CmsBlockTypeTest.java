package org.portico.web.widget;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.widget.Directories.fieldsAndKeys;
import static org.portico.web.widget.Directories.json;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentSource;
import org.portico.cms.spi.ContentUnavailableException;
import org.portico.web.page.WidgetKind;
import org.portico.web.problem.FieldMessage;

class CmsBlockTypeTest {

    /** The store: "welcome" in English, "news" in German only, "imprint" without a language, "draft" in French. */
    private static final Map<String, Locale> PUBLISHED = Map.of("welcome", Locale.ENGLISH, "news", Locale.GERMAN,
            "imprint", Locale.ROOT, "bienvenue", Locale.FRENCH);

    private static final ContentSource STORE = (kind, key, locale) -> kind == ContentKind.BLOCK
            && locale.equals(PUBLISHED.get(key))
            ? Optional.of(new ContentItem(ContentKind.BLOCK, key, locale, key, "<p>" + key + "</p>", Instant.EPOCH))
            : Optional.empty();

    private static CmsBlockType block(ContentSource content) {
        CmsBlockType block = new CmsBlockType();
        block.content = content;
        return block;
    }

    private final CmsBlockType block = block(STORE);

    @Test
    void aBlockPublishedInALanguagePorticoSpeaksOrWithoutOneExists() {
        for (String key : List.of("welcome", "news", "imprint")) {
            assertAll(key,
                    () -> assertEquals(List.of(), block.check(json("{'block': '" + key + "'}"))),
                    () -> assertTrue(block.available(json("{'block': '" + key + "'}"))));
        }
        assertEquals(WidgetKind.CMS_BLOCK, block.kind());
    }

    @Test
    void aBlockNoPageCouldShowDoesNot() {
        for (String key : List.of("missing", "bienvenue")) {
            List<FieldMessage> problems = block.check(json("{'block': '" + key + "'}"));
            assertAll(key,
                    () -> assertEquals(List.of("block: widget.block.unknown"), fieldsAndKeys(problems)),
                    () -> assertEquals("there is no published block '" + key + "' in Portico's content store",
                            problems.get(0).message(Locale.ENGLISH)),
                    () -> assertFalse(block.available(json("{'block': '" + key + "'}"))));
        }
    }

    @Test
    void theBlockMustBeNamed() {
        assertAll(
                () -> assertEquals(List.of("block: widget.block.required"), fieldsAndKeys(block.check(json("{}")))),
                () -> assertEquals(List.of("block: widget.block.required"),
                        fieldsAndKeys(block.check(json("{'block': ' '}")))),
                () -> assertEquals(List.of("block: widget.block.required"),
                        fieldsAndKeys(block.check(json("{'block': '" + "x".repeat(101) + "'}")))),
                () -> assertEquals(List.of("block: widget.setting.string"), fieldsAndKeys(block.check(json("{'block': 1}")))),
                () -> assertEquals(List.of("key: widget.setting.unknown", "block: widget.block.required"),
                        fieldsAndKeys(block.check(json("{'key': 'welcome'}")))),
                () -> assertFalse(block.available(json("{}"))),
                () -> assertFalse(block.available(null)));
    }

    @Test
    void whileTheCmsCannotBeReadABlockCannotBeSavedButStaysOnThePage() {
        CmsBlockType down = block((kind, key, locale) -> {
            throw new ContentUnavailableException("down", null);
        });
        List<FieldMessage> problems = down.check(json("{'block': 'welcome'}"));
        assertAll(
                () -> assertEquals(List.of("block: widget.block.unreadable"), fieldsAndKeys(problems)),
                () -> assertTrue(Directories.saidInBothLanguages(problems)),
                () -> assertTrue(down.available(json("{'block': 'welcome'}"))));
    }
}
