package org.portico.cms.strapi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.cms.http.FakeCmsServer;
import org.portico.cms.http.FakeCmsServer.Answer;
import org.portico.cms.http.FakeCmsServer.Failure;
import org.portico.cms.spi.ConnectionCheck;
import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentUnavailableException;

/** {@link StrapiSource} against a fake Strapi 5 that answers as the real one does. */
class StrapiSourceTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String TOKEN = "4f1c0d6ab1e0c8a5f3d2e9b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7";

    /** {@code GET /api/pages?filters[slug][$eq]=about&locale=de-CH&status=published&pagination[pageSize]=1} */
    static final String ABOUT_DE_CH = """
            {"data":[{"id":14,"documentId":"tbq5ruj3ba0h8tbqv1hdi4ll","slug":"about","title":"Über «Portico» & Co.",\
            "body":"<p>Portico bringt Ihre Anwendungen zusammen.</p>","createdAt":"2026-11-30T09:12:44.120Z",\
            "updatedAt":"2026-12-07T10:42:00.512Z","publishedAt":"2026-12-07T10:42:00.530Z","locale":"de-CH"}],\
            "meta":{"pagination":{"page":1,"pageSize":1,"pageCount":1,"total":1}}}""";

    static final String NOTHING = """
            {"data":[],"meta":{"pagination":{"page":1,"pageSize":1,"pageCount":0,"total":0}}}""";

    /** A block whose body is a "Blocks" rich text field, in custom fields. */
    static final String WELCOME_BLOCK = """
            {"data":[{"id":3,"documentId":"k3f1p0c2x9w8v7u6t5s4r3q2","key":"welcome","heading":"Welcome",\
            "text":[{"type":"paragraph","children":[{"type":"text","text":"Hello "},\
            {"type":"text","text":"you","bold":true},{"type":"text","text":"!"}]},\
            {"type":"image","image":{"name":"logo.png","alternativeText":"Portico logo","url":"/uploads/logo_3f2a.png",\
            "caption":null,"width":120,"height":40,"hash":"logo_3f2a","ext":".png","mime":"image/png","size":3.2,\
            "previewUrl":null,"provider":"local","provider_metadata":null,"createdAt":"2026-11-30T09:12:44.120Z",\
            "updatedAt":"2026-11-30T09:12:44.120Z"},"children":[{"type":"text","text":""}]}],\
            "createdAt":"2026-11-30T09:12:44.120Z","updatedAt":"2026-12-01T08:00:00.000Z",\
            "publishedAt":"2026-12-01T08:00:00.000Z","locale":"en"}],\
            "meta":{"pagination":{"page":1,"pageSize":1,"pageCount":1,"total":1}}}""";

    private final FakeCmsServer strapi = FakeCmsServer.start();

    @AfterEach
    void stop() {
        strapi.close();
    }

    private StrapiSettings.Builder settings() {
        return StrapiSettings.builder(strapi.baseUrl(), TOKEN, "pages");
    }

    private StrapiSource source(StrapiSettings.Builder settings) {
        return new StrapiSource(settings.build(), CLIENT);
    }

    @Test
    void findsAPublishedPageInALocaleWithAnEncodedQueryAndTheToken() {
        strapi.answer("/api/pages", ABOUT_DE_CH);

        ContentItem about = source(settings()).find(ContentKind.PAGE, "about", Locale.forLanguageTag("de-CH"))
                .orElseThrow();

        FakeCmsServer.Request request = strapi.onlyRequest();
        assertAll(
                () -> assertEquals(new ContentItem(ContentKind.PAGE, "about", Locale.forLanguageTag("de-CH"),
                        "Über «Portico» & Co.", "<p>Portico bringt Ihre Anwendungen zusammen.</p>",
                        Instant.parse("2026-12-07T10:42:00.512Z")), about),
                () -> assertEquals("/api/pages", request.path()),
                () -> assertEquals("filters%5Bslug%5D%5B%24eq%5D=about&locale=de-CH&status=published"
                        + "&pagination%5BpageSize%5D=1", request.rawQuery()),
                () -> assertEquals(Optional.of("Bearer " + TOKEN), request.header("Authorization")));
    }

    @Test
    void rootAsksWithoutALocaleAndTheItemCarriesStrapisDefaultLocale() {
        strapi.answer("/api/pages", ABOUT_DE_CH.replace("\"locale\":\"de-CH\"", "\"locale\":\"en\""));

        ContentItem about = source(settings()).find(ContentKind.PAGE, "about", Locale.ROOT).orElseThrow();

        assertAll(
                () -> assertEquals(Locale.ENGLISH, about.locale()),
                () -> assertEquals(Map.of("filters[slug][$eq]", "about", "status", "published",
                        "pagination[pageSize]", "1"), strapi.onlyRequest().parameters()));
    }

    @Test
    void readsBlocksFromTheBlockCollectionWithCustomFieldsAndRendersBlocksRichText() {
        strapi.answer("/api/blocks", WELCOME_BLOCK);
        StrapiSource source = source(settings().blockCollection("blocks").slugField("key").titleField("heading")
                .bodyField("text"));

        ContentItem welcome = source.findBlock("welcome", Locale.ENGLISH).orElseThrow();

        assertAll(
                () -> assertEquals("Welcome", welcome.title()),
                () -> assertEquals("<p>Hello <strong>you</strong>!</p><img src=\"" + strapi.baseUrl()
                        + "uploads/logo_3f2a.png\" alt=\"Portico logo\" width=\"120\" height=\"40\" />",
                        welcome.bodyHtml()),
                () -> assertEquals(Instant.parse("2026-12-01T08:00:00Z"), welcome.updatedAt()),
                () -> assertEquals("welcome", strapi.onlyRequest().parameters().get("filters[key][$eq]")));
    }

    @Test
    void withoutABlockCollectionThereAreNoBlocksAndNoRequest() {
        assertAll(
                () -> assertEquals(Optional.empty(), source(settings()).findBlock("welcome", Locale.ENGLISH)),
                () -> assertEquals(List.of(), strapi.requests()));
    }

    @Test
    void anEmptyAnswerIsNotFound() {
        strapi.answer("/api/pages", NOTHING);

        assertEquals(Optional.empty(), source(settings()).find(ContentKind.PAGE, "about", Locale.ENGLISH));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "a b", "about/team", "a&status=draft", "über", "x]["})
    void aKeyThatIsNoUidIsNotFoundWithoutARequest(String key) {
        assertAll(
                () -> assertEquals(Optional.empty(), source(settings()).find(ContentKind.PAGE, key, Locale.ENGLISH)),
                () -> assertEquals(List.of(), strapi.requests()));
    }

    @Test
    void uidCharactersAreEncodedIntoTheFilter() {
        strapi.answer("/api/pages", NOTHING);

        source(settings()).find(ContentKind.PAGE, "About_v2.1~x", Locale.ENGLISH);

        assertAll(
                () -> assertTrue(strapi.onlyRequest().rawQuery()
                        .startsWith("filters%5Bslug%5D%5B%24eq%5D=About_v2.1%7Ex&"), strapi.onlyRequest().rawQuery()),
                () -> assertEquals("About_v2.1~x", strapi.onlyRequest().parameters().get("filters[slug][$eq]")));
    }

    @Test
    void findDeliversOnlyPublishedEntriesWhateverStrapiSends() {
        strapi.answer("/api/pages", ABOUT_DE_CH.replace("\"publishedAt\":\"2026-12-07T10:42:00.530Z\"",
                "\"publishedAt\":null"));

        assertEquals(Optional.empty(), source(settings()).find(ContentKind.PAGE, "about", Locale.ENGLISH));
    }

    @Test
    void draftsAreTheDraftStatus() {
        StrapiSource source = source(settings());
        strapi.answer("/api/pages", ABOUT_DE_CH.replace("\"publishedAt\":\"2026-12-07T10:42:00.530Z\"",
                "\"publishedAt\":null"));

        ContentItem draft = source.findDraft(ContentKind.PAGE, "about", Locale.forLanguageTag("de-CH")).orElseThrow();

        assertAll(
                () -> assertTrue(source.canFindDrafts()),
                () -> assertEquals("about", draft.key()),
                () -> assertEquals("draft", strapi.onlyRequest().parameters().get("status")));
    }

    @Test
    void aStrapi4AnswerSaysSo() {
        strapi.answer("/api/pages", """
                {"data":[{"id":1,"attributes":{"slug":"about","title":"About","updatedAt":"2026-12-07T10:42:00.512Z",\
                "publishedAt":"2026-12-07T10:42:00.530Z"}}],"meta":{"pagination":{"total":1}}}""");

        ContentUnavailableException e = assertThrows(ContentUnavailableException.class,
                () -> source(settings()).find(ContentKind.PAGE, "about", Locale.ENGLISH));
        assertTrue(e.getMessage().contains("as in Strapi 4; Portico reads Strapi 5"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"[]", "{}", "{\"data\":null}", "{\"data\":{\"id\":1}}",
            "{\"data\":[{\"slug\":\"about\",\"publishedAt\":\"x\"}]}",
            "{\"data\":[{\"slug\":\"about\",\"publishedAt\":\"x\",\"updatedAt\":\"7 Dec 2026\"}]}",
            "{\"data\":[{\"publishedAt\":\"x\",\"updatedAt\":\"2026-12-07T10:42:00Z\",\"body\":42}]}",
            "{\"data\":[{\"publishedAt\":\"x\",\"updatedAt\":\"2026-12-07T10:42:00Z\",\"body\":[1]}]}"})
    void anAnswerOfAnotherShapeIsUnavailable(String json) {
        strapi.answer("/api/pages", json);

        ContentUnavailableException e = assertThrows(ContentUnavailableException.class,
                () -> source(settings()).find(ContentKind.PAGE, "about", Locale.ENGLISH));
        assertTrue(e.getMessage().startsWith("unexpected answer from " + strapi.baseUrl()), e.getMessage());
    }

    @Test
    void aRefusedTokenAndAForbiddenCollectionSaySoWithoutTheToken() {
        strapi.answer("/api/pages", Answer.json(401, "{\"data\":null,\"error\":{\"status\":401,\"name\":"
                + "\"UnauthorizedError\",\"message\":\"Missing or invalid credentials\",\"details\":{}}}"));
        strapi.answer("/api/blocks", Answer.json(403, "{\"data\":null,\"error\":{\"status\":403,\"name\":"
                + "\"ForbiddenError\",\"message\":\"Forbidden\",\"details\":{}}}"));
        StrapiSource source = source(settings().blockCollection("blocks"));

        ContentUnavailableException refused = assertThrows(ContentUnavailableException.class,
                () -> source.find(ContentKind.PAGE, "about", Locale.ENGLISH));
        ContentUnavailableException forbidden = assertThrows(ContentUnavailableException.class,
                () -> source.findBlock("welcome", Locale.ENGLISH));

        assertAll(
                () -> assertTrue(refused.getMessage().startsWith("HTTP 401: the API token was refused ("),
                        refused.getMessage()),
                () -> assertTrue(forbidden.getMessage()
                        .startsWith("HTTP 403: the API token may not read this collection"), forbidden.getMessage()),
                () -> assertFalse(refused.getMessage().contains(TOKEN)));
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void everyFailureIsUnavailableAndATimeoutSaysSo(Failure failure) {
        StrapiSource source = new StrapiSource(StrapiSettings.builder(strapi.limited(), TOKEN, "pages").build(), CLIENT);

        failure.assertFailure(strapi, () -> source.find(ContentKind.PAGE, "about", Locale.ENGLISH),
                "api/pages?filters%5Bslug%5D%5B%24eq%5D=about&locale=en", "the API token was refused");
    }

    @Test
    void checkCountsThePublishedEntriesOfEachCollection() {
        strapi.answer("/api/pages", ABOUT_DE_CH.replace("\"total\":1", "\"total\":3"))
                .answer("/api/blocks", WELCOME_BLOCK);

        ConnectionCheck check = source(settings().blockCollection("blocks")).check();

        assertAll(
                () -> assertTrue(check.reached()),
                () -> assertEquals("Strapi at " + strapi.baseUrl() + " — 3 published entries in 'pages', 1 published"
                        + " entry in 'blocks'", check.summary()),
                () -> assertEquals(Map.of("status", "published", "pagination[pageSize]", "1"),
                        strapi.requests().get(0).parameters()),
                () -> assertEquals(Optional.of("Bearer " + TOKEN), strapi.requests().get(1).header("Authorization")));
    }

    @Test
    void checkReportsARefusedTokenAndARefusedConnectionWithoutThrowing() {
        strapi.answerEverything(Answer.json(401, "{\"data\":null,\"error\":{\"status\":401}}"));
        StrapiSource nowhere = new StrapiSource(StrapiSettings.builder(FakeCmsServer.refusingBaseUrl(), TOKEN, "pages")
                .build(), CLIENT);

        ConnectionCheck refusedToken = source(settings()).check();
        ConnectionCheck refusedConnection = nowhere.check();

        assertAll(
                () -> assertFalse(refusedToken.reached()),
                () -> assertEquals("Strapi at " + strapi.baseUrl(), refusedToken.summary()),
                () -> assertTrue(refusedToken.problem().startsWith("HTTP 401: the API token was refused"),
                        refusedToken.problem()),
                () -> assertFalse(refusedConnection.reached()),
                () -> assertTrue(refusedConnection.problem().startsWith("connection refused at http://127.0.0.1:"),
                        refusedConnection.problem()));
    }
}
