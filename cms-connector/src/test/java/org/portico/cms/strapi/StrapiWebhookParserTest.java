package org.portico.cms.strapi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.webhook.ContentRef;
import org.portico.cms.webhook.WebhookRejectedException;
import org.portico.cms.webhook.WebhookRejectedException.Reason;

class StrapiWebhookParserTest {

    private final StrapiWebhookParser parser = new StrapiWebhookParser("strapi", "page", Optional.of("block"), "slug");

    private List<ContentRef> changes(StrapiWebhookParser parser, String json) {
        return parser.changes(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String payload(String event, String model, String entry) {
        return "{\"event\":\"" + event + "\",\"createdAt\":\"2026-12-07T10:42:00.512Z\",\"model\":\"" + model
                + "\",\"uid\":\"api::" + model + "." + model + "\",\"entry\":" + entry + "}";
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"entry.create", "entry.update", "entry.delete", "entry.publish", "entry.unpublish"})
    void everyEntryEventOfAPageChangesItInItsLocale(String event) {
        List<ContentRef> changes = changes(parser, payload(event, "page", "{\"id\":14,\"documentId\":"
                + "\"tbq5ruj3ba0h8tbqv1hdi4ll\",\"slug\":\"about\",\"locale\":\"de-CH\",\"title\":\"Über\","
                + "\"updatedAt\":\"2026-12-07T10:42:00.480Z\",\"publishedAt\":null}"));

        assertAll(
                () -> assertEquals(List.of(new ContentRef("strapi", ContentKind.PAGE, "about",
                        Optional.of(Locale.forLanguageTag("de-CH")))), changes),
                () -> assertEquals("cms:strapi:page:about", changes.get(0).cacheTag()));
    }

    @Test
    void blocksAreBlocksAndAnEntryWithoutLocaleIsInEveryLocale() {
        assertEquals(List.of(new ContentRef("strapi", ContentKind.BLOCK, "welcome", Optional.empty())),
                changes(parser, payload("entry.update", "block", "{\"id\":3,\"slug\":\"welcome\"}")));
    }

    @Test
    void theSlugFieldIsConfigurable() {
        StrapiWebhookParser keyed = new StrapiWebhookParser("strapi", "landing-page", Optional.empty(), "key");

        assertEquals(List.of(new ContentRef("strapi", ContentKind.PAGE, "spring", Optional.of(Locale.ENGLISH))),
                changes(keyed, payload("entry.publish", "landing-page",
                        "{\"id\":1,\"key\":\"spring\",\"slug\":\"ignored\",\"locale\":\"en\"}")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{\"event\":\"entry.update\",\"model\":\"article\",\"entry\":{\"slug\":\"x\"}}",
            "{\"event\":\"media.create\",\"media\":{\"id\":1,\"name\":\"logo.png\"}}",
            "{\"event\":\"entry.update\",\"model\":\"page\",\"entry\":{\"id\":1}}",
            "{\"event\":\"entry.update\",\"model\":\"page\",\"entry\":{\"slug\":\"a b\"}}",
            "{\"event\":\"entry.update\",\"entry\":{\"slug\":\"x\"}}"})
    void otherModelsMediaAndEntriesWithoutSlugChangeNothing(String json) {
        assertEquals(List.of(), changes(parser, json));
    }

    @Test
    void withoutABlockModelBlocksChangeNothing() {
        StrapiWebhookParser pagesOnly = new StrapiWebhookParser("strapi", "page", Optional.empty(), "slug");

        assertEquals(List.of(), changes(pagesOnly, payload("entry.update", "block", "{\"slug\":\"welcome\"}")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "[]", "{\"model\":\"page\",\"entry\":{\"slug\":\"about\"}}",
            "{\"event\":\"entry.update\",\"model\":\"page\"}",
            "{\"event\":\"entry.update\",\"model\":\"page\",\"entry\":\"about\"}"})
    void aPayloadWithoutEventOrEntryIsMalformed(String json) {
        assertEquals(Reason.MALFORMED,
                assertThrows(WebhookRejectedException.class, () -> changes(parser, json)).reason());
    }

    @Test
    void modelsAreCheckedAtStart() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new StrapiWebhookParser("strapi", "api::page.page", Optional.empty(), "slug")),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new StrapiWebhookParser("strapi", "page", Optional.of("Block"), "slug")),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new StrapiWebhookParser("Strapi", "page", Optional.empty(), "slug")),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new StrapiWebhookParser("strapi", "page", Optional.empty(), "sl ug")));
    }
}
