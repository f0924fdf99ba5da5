package org.portico.cms.wordpress;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
import org.portico.cms.http.HttpEndpoint;
import org.portico.cms.spi.ConnectionCheck;
import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentUnavailableException;

/** {@link WordPressSource} against a fake WordPress 6.1 that answers as the real one does. */
class WordPressSourceTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String FIELDS = "id,slug,title,content,excerpt,modified_gmt,status,link";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("portico:abcd EFGH 1234 ijkl MNOP 6789".getBytes(StandardCharsets.UTF_8));

    /** What {@code GET /wp-json/wp/v2/pages?slug=about&_fields=…} answers (WordPress escapes slashes in JSON). */
    static final String ABOUT_PAGE = """
            [{"id":7,"modified_gmt":"2026-12-07T10:42:00","slug":"about","status":"publish",\
            "link":"http:\\/\\/127.0.0.1:18080\\/about\\/",\
            "title":{"rendered":"About &#8220;Portico&#8221; &amp; friends"},\
            "content":{"rendered":"\\n<p>Portico brings your apps <em>together<\\/em>.<\\/p>\\n","protected":false},\
            "excerpt":{"rendered":"<p>Portico brings your apps together.<\\/p>\\n","protected":false}}]""";

    static final String HELLO_POST = """
            [{"id":1,"modified_gmt":"2026-11-30T09:12:44","slug":"hello-world","status":"publish",\
            "link":"http:\\/\\/127.0.0.1:18080\\/2026\\/11\\/30\\/hello-world\\/",\
            "title":{"rendered":"Hello world!"},\
            "content":{"rendered":"\\n<p>Welcome to WordPress. This is your first post.<\\/p>\\n","protected":false},\
            "excerpt":{"rendered":"<p>Welcome to WordPress.<\\/p>\\n","protected":false}}]""";

    /** Reusable blocks have no rendered title or content, only raw (WP_REST_Blocks_Controller). */
    static final String WELCOME_BLOCK = """
            [{"id":12,"modified_gmt":"2026-12-01T08:00:00","slug":"welcome","status":"publish",\
            "link":"http:\\/\\/127.0.0.1:18080\\/?p=12","title":{"raw":"Welcome & hello"},\
            "content":{"raw":"<!-- wp:paragraph -->\\n<p>Welcome to <strong>Portico<\\/strong>.<\\/p>\\n\
            <!-- \\/wp:paragraph -->","protected":false},"excerpt":{"rendered":"","protected":false}}]""";

    private final FakeCmsServer wordpress = FakeCmsServer.start();

    @AfterEach
    void stop() {
        wordpress.close();
    }

    private WordPressSource source(WordPressSettings.Builder settings) {
        return new WordPressSource(settings.build(), CLIENT);
    }

    private WordPressSettings.Builder anonymous() {
        return WordPressSettings.builder(wordpress.baseUrl());
    }

    private WordPressSettings.Builder signedIn() {
        return anonymous().credentials("portico", "abcd EFGH 1234 ijkl MNOP 6789");
    }

    @Test
    void findsAPublishedPageAsAVisitorWithItsTitleAsPlainText() {
        wordpress.answer("/wp-json/wp/v2/pages", ABOUT_PAGE);

        ContentItem about = source(signedIn()).find(ContentKind.PAGE, "about", Locale.ROOT).orElseThrow();

        FakeCmsServer.Request request = wordpress.onlyRequest();
        assertAll(
                () -> assertEquals(new ContentItem(ContentKind.PAGE, "about", Locale.ROOT,
                        "About \u201cPortico\u201d & friends", "\n<p>Portico brings your apps <em>together</em>.</p>\n",
                        Instant.parse("2026-12-07T10:42:00Z")), about),
                () -> assertEquals("GET", request.method()),
                () -> assertEquals("/wp-json/wp/v2/pages", request.path()),
                () -> assertEquals(Map.of("slug", "about", "status", "publish", "_fields", FIELDS),
                        request.parameters()),
                () -> assertEquals("slug=about&status=publish&_fields=id%2Cslug%2Ctitle%2Ccontent%2Cexcerpt%2C"
                        + "modified_gmt%2Cstatus%2Clink", request.rawQuery()),
                () -> assertEquals(Optional.empty(), request.header("Authorization"), "public content, no password"));
    }

    @Test
    void findsAPostWhenThereIsNoPage() {
        wordpress.answer("/wp-json/wp/v2/pages", "[]").answer("/wp-json/wp/v2/posts", HELLO_POST);

        ContentItem hello = source(anonymous()).find(ContentKind.PAGE, "hello-world", Locale.ROOT).orElseThrow();

        assertAll(
                () -> assertEquals("Hello world!", hello.title()),
                () -> assertEquals(Instant.parse("2026-11-30T09:12:44Z"), hello.updatedAt()),
                () -> assertEquals(List.of("/wp-json/wp/v2/pages", "/wp-json/wp/v2/posts"),
                        wordpress.requests().stream().map(FakeCmsServer.Request::path).toList()));
    }

    @Test
    void neitherPageNorPostIsNotFound() {
        wordpress.answer("/wp-json/wp/v2/pages", "[]").answer("/wp-json/wp/v2/posts", "[]");

        assertEquals(Optional.empty(), source(anonymous()).find(ContentKind.PAGE, "nothing", Locale.ROOT));
    }

    @Test
    void findsAReusableBlockSignedInWithItsRawMarkup() {
        wordpress.answer("/wp-json/wp/v2/blocks", WELCOME_BLOCK);

        ContentItem welcome = source(signedIn()).findBlock("welcome", Locale.ROOT).orElseThrow();

        FakeCmsServer.Request request = wordpress.onlyRequest();
        assertAll(
                () -> assertEquals("Welcome & hello", welcome.title()),
                () -> assertEquals("<!-- wp:paragraph -->\n<p>Welcome to <strong>Portico</strong>.</p>\n"
                        + "<!-- /wp:paragraph -->", welcome.bodyHtml()),
                () -> assertEquals(ContentKind.BLOCK, welcome.kind()),
                () -> assertEquals("/wp-json/wp/v2/blocks", request.path()),
                () -> assertEquals("welcome", request.parameters().get("slug")),
                () -> assertEquals("publish", request.parameters().get("status")),
                () -> assertEquals(Optional.of(BASIC), request.header("Authorization")));
    }

    @Test
    void withoutCredentialsThereAreNoBlocksAndNoRequest() {
        assertAll(
                () -> assertEquals(Optional.empty(), source(anonymous()).findBlock("welcome", Locale.ROOT)),
                () -> assertEquals(List.of(), wordpress.requests()));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "About", "-about", "about-", "a b", "a_b", "../wp-admin", "about?x=1", "%c3%bc",
            "über", "about/team"})
    void aKeyThatIsNoSlugIsNotFoundWithoutARequest(String key) {
        assertAll(
                () -> assertEquals(Optional.empty(), source(signedIn()).find(ContentKind.PAGE, key, Locale.ROOT)),
                () -> assertEquals(List.of(), wordpress.requests()));
    }

    @Test
    void aSlugOfTwoHundredCharactersIsAskedForButNotOneLonger() {
        wordpress.answer("/wp-json/wp/v2/pages", "[]").answer("/wp-json/wp/v2/posts", "[]");
        WordPressSource source = source(anonymous());

        source.find(ContentKind.PAGE, "a".repeat(200), Locale.ROOT);
        source.find(ContentKind.PAGE, "a".repeat(201), Locale.ROOT);

        assertEquals(2, wordpress.requests().size());
    }

    @Test
    void onlyRootAndTheSiteLanguageAreLookedUp() {
        wordpress.answer("/wp-json/wp/v2/pages", ABOUT_PAGE);
        WordPressSource german = source(anonymous().siteLanguage(Locale.GERMAN));
        Locale swiss = Locale.forLanguageTag("de-CH");

        assertAll(
                () -> assertEquals(Optional.empty(), german.find(ContentKind.PAGE, "about", Locale.ENGLISH)),
                () -> assertEquals(Optional.empty(), german.find(ContentKind.PAGE, "about", swiss)),
                () -> assertEquals(List.of(), wordpress.requests()),
                () -> assertEquals(Locale.GERMAN,
                        german.find(ContentKind.PAGE, "about", Locale.GERMAN).orElseThrow().locale()),
                () -> assertEquals(Locale.ROOT,
                        german.find(ContentKind.PAGE, "about", Locale.ROOT).orElseThrow().locale()));
    }

    @Test
    void findDeliversOnlyPublishedItemsWhateverWordPressSends() {
        wordpress.answer("/wp-json/wp/v2/pages", ABOUT_PAGE.replace("\"status\":\"publish\"", "\"status\":\"draft\""))
                .answer("/wp-json/wp/v2/posts", "[]");

        assertEquals(Optional.empty(), source(anonymous()).find(ContentKind.PAGE, "about", Locale.ROOT));
    }

    @Test
    void draftsAreAskedForInEditContextSignedIn() {
        wordpress.answer("/wp-json/wp/v2/pages", ABOUT_PAGE
                .replace("\"status\":\"publish\"", "\"status\":\"pending\"")
                .replace("\"title\":{", "\"title\":{\"raw\":\"About \\u201cPortico\\u201d & friends\","));

        ContentItem draft = source(signedIn()).findDraft(ContentKind.PAGE, "about", Locale.ROOT).orElseThrow();

        FakeCmsServer.Request request = wordpress.onlyRequest();
        assertAll(
                () -> assertEquals("About \u201cPortico\u201d & friends", draft.title()),
                () -> assertEquals("draft,pending,future,private", request.parameters().get("status")),
                () -> assertEquals("edit", request.parameters().get("context")),
                () -> assertEquals(Optional.of(BASIC), request.header("Authorization")));
    }

    @Test
    void draftsNeedCredentials() {
        WordPressSource anonymous = source(anonymous());

        assertAll(
                () -> assertFalse(anonymous.canFindDrafts()),
                () -> assertTrue(source(signedIn()).canFindDrafts()),
                () -> assertThrows(IllegalStateException.class,
                        () -> anonymous.findDraft(ContentKind.PAGE, "about", Locale.ROOT)));
    }

    @Test
    void refusedCredentialsSaySo() {
        Failure.UNAUTHORIZED.applyTo(wordpress);

        ContentUnavailableException e = assertThrows(ContentUnavailableException.class,
                () -> source(signedIn()).findBlock("welcome", Locale.ROOT));
        assertTrue(e.getMessage().startsWith("HTTP 401: WordPress refused the credentials"), e.getMessage());
        assertFalse(e.getMessage().contains("abcd"), "never the password");
    }

    @Test
    void forbiddenSaysTheCredentialsWereRefused() {
        wordpress.answerEverything(Answer.json(403, "{\"code\":\"rest_forbidden\",\"message\":\"Sorry, you are not"
                + " allowed to do that.\",\"data\":{\"status\":403}}"));

        ContentUnavailableException e = assertThrows(ContentUnavailableException.class,
                () -> source(signedIn()).findDraft(ContentKind.PAGE, "about", Locale.ROOT));
        assertTrue(e.getMessage().startsWith("HTTP 403: WordPress refused the credentials"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void everyFailureIsUnavailableAndATimeoutSaysSo(Failure failure) {
        WordPressSource source = source(WordPressSettings.builder(wordpress.limited())
                .credentials("portico", "abcd EFGH 1234 ijkl MNOP 6789"));

        failure.assertFailure(wordpress, () -> source.findBlock("welcome", Locale.ROOT),
                "wp-json/wp/v2/blocks?slug=welcome", "WordPress refused the credentials");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"code\":\"rest_no_route\"}", "[42]", "[{\"slug\":\"about\",\"status\":\"publish\"}]",
            "[{\"status\":\"publish\",\"title\":{\"rendered\":\"x\"},\"content\":{\"rendered\":\"\"},"
                    + "\"modified_gmt\":\"yesterday\"}]",
            "[{\"status\":\"publish\",\"title\":\"x\",\"content\":{\"rendered\":\"\"},"
                    + "\"modified_gmt\":\"2026-12-07T10:42:00\"}]"})
    void anAnswerOfAnotherShapeIsUnavailable(String json) {
        wordpress.answer("/wp-json/wp/v2/pages", json);

        ContentUnavailableException e = assertThrows(ContentUnavailableException.class,
                () -> source(anonymous()).find(ContentKind.PAGE, "about", Locale.ROOT));
        assertTrue(e.getMessage().startsWith("unexpected answer from " + wordpress.baseUrl()), e.getMessage());
    }

    @Test
    void checkNamesTheSiteCountsPagesAndSignsIn() {
        wordpress.answer("/wp-json/", "{\"name\":\"Portico demo\"}")
                .answer("/wp-json/wp/v2/pages", Answer.json(200, "[{\"id\":7}]")
                        .withHeader("X-WP-Total", "3").withHeader("X-WP-TotalPages", "3"))
                .answer("/wp-json/wp/v2/users/me", "{\"id\":2,\"name\":\"Portico\"}");

        ConnectionCheck check = source(signedIn()).check();

        assertAll(
                () -> assertTrue(check.reached()),
                () -> assertEquals("WordPress site 'Portico demo' at " + wordpress.baseUrl()
                        + " — 3 published pages, signed in as 'Portico'", check.summary()),
                () -> assertEquals("", check.problem()),
                () -> assertFalse(check.took().isNegative()),
                () -> assertEquals(Optional.of(BASIC), wordpress.requests().get(2).header("Authorization")));
    }

    @Test
    void checkWithoutCredentialsDoesNotSignIn() {
        wordpress.answer("/wp-json/", "{\"name\":\"Portico demo\"}")
                .answer("/wp-json/wp/v2/pages", Answer.json(200, "[{\"id\":7}]").withHeader("X-WP-Total", "1"));

        ConnectionCheck check = source(anonymous()).check();

        assertAll(
                () -> assertEquals("WordPress site 'Portico demo' at " + wordpress.baseUrl() + " — 1 published page",
                        check.summary()),
                () -> assertEquals(2, wordpress.requests().size()));
    }

    @Test
    void checkReportsRefusedCredentialsWithoutThrowing() {
        wordpress.answer("/wp-json/", "{\"name\":\"Portico demo\"}")
                .answer("/wp-json/wp/v2/pages", Answer.json(200, "[]").withHeader("X-WP-Total", "0"))
                .answer("/wp-json/wp/v2/users/me", Answer.json(401, "{\"code\":\"incorrect_password\"}"));

        ConnectionCheck check = source(signedIn()).check();

        assertAll(
                () -> assertFalse(check.reached()),
                () -> assertEquals("WordPress at " + wordpress.baseUrl(), check.summary()),
                () -> assertTrue(check.problem().startsWith("HTTP 401: WordPress refused the credentials"),
                        check.problem()));
    }

    @Test
    void checkReportsARefusedConnectionAndATimeoutWithoutThrowing() {
        WordPressSource nowhere = new WordPressSource(WordPressSettings.builder(FakeCmsServer.refusingBaseUrl())
                .build(), CLIENT);
        wordpress.answerEverything(Answer.json(200, "{}").delayedBeforeHeaders(Duration.ofSeconds(3)));

        ConnectionCheck refused = nowhere.check();
        ConnectionCheck slow = source(WordPressSettings.builder(HttpEndpoint.of(wordpress.baseUrl())
                .withTimeout(Duration.ofSeconds(1)))).check();

        assertAll(
                () -> assertFalse(refused.reached()),
                () -> assertTrue(refused.problem().startsWith("connection refused at http://127.0.0.1:"),
                        refused.problem()),
                () -> assertFalse(slow.reached()),
                () -> assertTrue(slow.problem().startsWith("timed out after 1 s at "), slow.problem()),
                () -> assertTrue(slow.took().compareTo(Duration.ofMillis(900)) > 0, slow.took().toString()));
    }

    @Test
    void theSiteMayLiveInASubFolder() {
        wordpress.answer("/blog/wp-json/wp/v2/pages", ABOUT_PAGE);
        WordPressSource blog = new WordPressSource(WordPressSettings.builder(wordpress.baseUrl() + "blog").build(),
                CLIENT);

        assertInstanceOf(ContentItem.class, blog.find(ContentKind.PAGE, "about", Locale.ROOT).orElseThrow());
    }
}
