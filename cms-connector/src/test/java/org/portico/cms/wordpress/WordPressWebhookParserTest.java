package org.portico.cms.wordpress;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.webhook.ContentRef;
import org.portico.cms.webhook.WebhookRejectedException;
import org.portico.cms.webhook.WebhookRejectedException.Reason;

class WordPressWebhookParserTest {

    private final WordPressWebhookParser parser = new WordPressWebhookParser("wp-main");

    private List<ContentRef> changes(String json) {
        return parser.changes(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ContentRef page(String slug) {
        return new ContentRef("wp-main", ContentKind.PAGE, slug, Optional.empty());
    }

    @Test
    void aRenamedPageChangesItsNewAndOldSlug() {
        List<ContentRef> changes = changes("{\"event\":\"update\",\"type\":\"page\",\"id\":7,\"slug\":\"about\","
                + "\"previousSlug\":\"old-about\",\"status\":\"publish\",\"modified\":\"2026-12-07T10:42:00Z\"}");

        assertAll(
                () -> assertEquals(List.of(page("about"), page("old-about")), changes),
                () -> assertEquals(List.of("cms:wp-main:page:about", "cms:wp-main:page:old-about"),
                        changes.stream().map(ContentRef::cacheTag).toList()));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource({"publish, page, PAGE", "unpublish, post, PAGE", "delete, wp_block, BLOCK", "update, wp_block, BLOCK"})
    void pagesAndPostsArePagesAndReusableBlocksBlocks(String event, String type, ContentKind kind) {
        assertEquals(List.of(new ContentRef("wp-main", kind, "welcome", Optional.empty())),
                changes("{\"event\":\"" + event + "\",\"type\":\"" + type + "\",\"id\":12,\"slug\":\"welcome\","
                        + "\"previousSlug\":null,\"status\":\"publish\",\"modified\":\"2026-12-07T10:42:00Z\"}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{\"event\":\"publish\",\"type\":\"attachment\",\"id\":30,\"slug\":\"logo\"}",
            "{\"event\":\"publish\",\"type\":\"product\",\"id\":31,\"slug\":\"shoe\"}",
            "{\"event\":\"update\",\"type\":\"page\",\"id\":32,\"slug\":\"\",\"status\":\"draft\"}",
            "{\"event\":\"update\",\"type\":\"page\",\"id\":33,\"slug\":null,\"status\":\"draft\"}",
            "{\"event\":\"update\",\"type\":\"page\",\"id\":34,\"slug\":\"%c3%bcber\"}"})
    void otherTypesAndUnusableSlugsChangeNothing(String json) {
        assertEquals(List.of(), changes(json));
    }

    @Test
    void anUnchangedPreviousSlugCountsOnce() {
        assertEquals(List.of(page("about")),
                changes("{\"event\":\"update\",\"type\":\"page\",\"slug\":\"about\",\"previousSlug\":\"about\"}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "not json", "[]", "{\"type\":\"page\",\"slug\":\"about\"}",
            "{\"event\":\"publish\",\"slug\":\"about\"}", "{\"event\":\"publish\",\"type\":7}",
            "{\"event\":\"publish\",\"type\":\"page\",\"slug\":[\"about\"]}"})
    void aPayloadWithoutEventOrTypeIsMalformed(String json) {
        assertEquals(Reason.MALFORMED, assertThrows(WebhookRejectedException.class, () -> changes(json)).reason());
    }
}
