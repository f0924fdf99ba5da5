package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in CMS on the wire: an editor's page from draft to published at {@code /p/{slug}} (sanitised, its deep-link
 * reference a real deep link, in the reader's language, for the roles it names), versions, diff and restore,
 * scheduling, and every refusal as problem+json: stale or missing If-Match, a taken slug (also a portal page's), bad
 * fields, a time in the past, readers who are not editors, strangers and cross-site requests.
 */
class CmsApiIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private HttpClient eddie;

    @BeforeEach
    void loginEddie() throws Exception {
        eddie = FormLogin.loggedIn(root(), "eddie", "portico-demo");
    }

    // ---- helpers -------------------------------------------------------------------------------------------


    private HttpResponse<String> page(HttpClient client, String slug, String language) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(root() + "/p/" + slug))
                .header("Accept-Language", language).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String item(String kind, String key, String locale, String title, String body, String... roles) {
        JsonArrayBuilder readers = Json.createArrayBuilder();
        for (String role : roles) {
            readers.add(role);
        }
        return Json.createObjectBuilder().add("kind", kind).add("key", key).add("locale", locale).add("title", title)
                .add("summary", "A summary.").add("body", body).add("roles", readers).build().toString();
    }

    private static String draft(String title, String body, String... roles) {
        JsonArrayBuilder readers = Json.createArrayBuilder();
        for (String role : roles) {
            readers.add(role);
        }
        return Json.createObjectBuilder().add("title", title).add("body", body).add("roles", readers).build().toString();
    }

    private JsonObject created(String json) throws Exception {
        HttpResponse<String> created = call(eddie, "POST", "/api/cms/items", json);
        assertEquals(201, created.statusCode(), created.body());
        return json(created);
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private static List<String> errorFields(HttpResponse<String> response) {
        return json(response).getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")).toList();
    }

    private static void assertProblem(int status, HttpResponse<String> response) {
        assertAll(
                () -> assertEquals(status, response.statusCode(), response.body()),
                () -> assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse("").split(";")[0]),
                () -> assertEquals(status, json(response).getInt("status")));
    }

    // ---- the story -----------------------------------------------------------------------------------------

    @Test
    void anEditorsPageGoesFromDraftToPublishedSanitisedWithItsDeepLink() throws Exception {
        String slug = unique("story");
        String path = "/api/cms/pages/" + slug + "/en";
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");

        HttpResponse<String> create = call(eddie, "POST", "/api/cms/items", item("page", slug, "en", "Opening hours",
                "<h2>When we are open</h2><p onclick=\"steal()\">Mondays to Fridays."
                        + " See <a href=\"portico:link/invoice/42\">invoice 42</a>.</p>"
                        + "<script>alert(1)</script><img src=\"x\" onerror=\"alert(2)\">",
                "end-user"));
        HttpResponse<String> draftOnly = page(alice, slug, "en");
        HttpResponse<String> saved = call(eddie, "PUT", path, draft("Opening hours",
                "<h2>When we are open</h2><p>Mondays to Saturdays. See <a href=\"portico:link/invoice/42\">invoice"
                        + " 42</a>.</p>", "end-user"), "If-Match", etag(create));
        HttpResponse<String> published = call(eddie, "POST", path + "/publish", null, "If-Match", etag(saved));
        HttpResponse<String> shown = page(alice, slug, "en");
        HttpResponse<String> guest = page(FormLogin.newClient(), slug, "en");

        JsonObject first = json(create);
        assertAll(
                () -> assertEquals(201, create.statusCode(), create.body()),
                () -> assertEquals(root() + path, create.headers().firstValue("Location").orElse("")),
                () -> assertEquals("draft", first.getString("status")),
                () -> assertEquals(1, first.getInt("draftRevision")),
                () -> assertFalse(first.getString("body").contains("script"), first.getString("body")),
                () -> assertFalse(first.getString("body").contains("onerror"), first.getString("body")),
                () -> assertFalse(first.getString("body").contains("onclick"), first.getString("body")),
                () -> assertTrue(first.getString("body").contains("href=\"/link/invoice/42\""), first.getString("body")),
                () -> assertEquals(404, draftOnly.statusCode(), "a draft is no page for readers"),
                () -> assertEquals(200, saved.statusCode(), saved.body()),
                () -> assertEquals(2, json(saved).getInt("draftRevision")),
                () -> assertEquals(200, published.statusCode(), published.body()),
                () -> assertEquals("published", json(published).getString("status")),
                () -> assertEquals(2, json(published).getInt("publishedRevision")),
                () -> assertEquals(200, shown.statusCode()),
                () -> assertTrue(shown.body().contains("Mondays to Saturdays"), shown.body()),
                () -> assertTrue(shown.body().contains("<title>Opening hours"), "the page's title"),
                () -> assertTrue(shown.body().contains("href=\"/link/invoice/42\""), "a real deep link"),
                () -> assertEquals(404, guest.statusCode(), "end users only: a guest is told of no such page"));
    }

    @Test
    void versionsDiffAndRestoreKeepWhatReadersSeeUntilPublished() throws Exception {
        String slug = unique("versions");
        String path = "/api/cms/pages/" + slug + "/en";
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        created(item("page", slug, "en", "Plan", "<p>First plan.</p><p>Same.</p>", "end-user"));
        HttpResponse<String> read = call(eddie, "GET", path, null);
        HttpResponse<String> published = call(eddie, "POST", path + "/publish", null, "If-Match", etag(read));
        HttpResponse<String> second = call(eddie, "PUT", path, draft("Plan B", "<p>Second plan.</p><p>Same.</p>",
                "end-user"), "If-Match", etag(published));
        HttpResponse<String> stillFirst = page(alice, slug, "en");
        HttpResponse<String> versions = call(eddie, "GET", path + "/versions", null);
        HttpResponse<String> diff = call(eddie, "GET", path + "/diff?from=1&to=2", null);
        HttpResponse<String> restored = call(eddie, "POST", path + "/versions/1/restore", null, "If-Match", etag(second));
        HttpResponse<String> version3 = call(eddie, "GET", path + "/versions/3", null);

        JsonObject changes = json(diff);
        assertAll(
                () -> assertEquals(200, second.statusCode(), second.body()),
                () -> assertEquals("changed", json(second).getString("status"), "published, the draft changed since"),
                () -> assertTrue(stillFirst.body().contains("First plan."), "readers see the published version"),
                () -> assertEquals(List.of(2L, 1L), json(versions).getJsonArray("versions").stream()
                        .map(v -> v.asJsonObject().getJsonNumber("revision").longValue()).toList()),
                () -> assertTrue(json(versions).getJsonArray("versions").get(1).asJsonObject().getBoolean("published")),
                () -> assertTrue(changes.getJsonObject("title").getBoolean("changed")),
                () -> assertEquals("Plan B", changes.getJsonObject("title").getString("after")),
                () -> assertEquals(List.of("removed:<p>First plan.</p>", "added:<p>Second plan.</p>", "same:<p>Same.</p>"),
                        changes.getJsonArray("body").stream().map(JsonValue::asJsonObject)
                                .map(line -> line.getString("kind") + ":" + line.getString("text")).toList()),
                () -> assertEquals(200, restored.statusCode(), restored.body()),
                () -> assertEquals(3, json(restored).getInt("draftRevision"), "restoring saves a new version"),
                () -> assertEquals("Plan", json(restored).getString("title")),
                () -> assertEquals("restored", json(version3).getString("origin")),
                () -> assertEquals("<p>First plan.</p><p>Same.</p>", json(version3).getString("body")));
    }

    @Test
    void aPageIsReadInTheReadersLanguageAndOpenToGuestsWhenItSaysSo() throws Exception {
        String slug = unique("lang");
        for (String[] variant : new String[][] {{"en", "Welcome"}, {"de", "Willkommen"}}) {
            JsonObject item = created(item("page", slug, variant[0], variant[1], "<p>" + variant[1] + "!</p>",
                    "guest", "end-user"));
            HttpResponse<String> publish = call(eddie, "POST", "/api/cms/pages/" + slug + "/" + variant[0] + "/publish",
                    null, "If-Match", "\"" + lockOf(slug, variant[0]) + "\"");
            assertEquals(200, publish.statusCode(), publish.body() + item);
        }
        HttpClient guest = FormLogin.newClient();

        HttpResponse<String> german = page(guest, slug, "de-DE,de;q=0.9");
        HttpResponse<String> english = page(guest, slug, "en");
        HttpResponse<String> french = page(guest, slug, "fr");
        HttpResponse<String> about = page(guest, "about", "en");

        assertAll(
                () -> assertEquals(200, german.statusCode()),
                () -> assertTrue(german.body().contains("Willkommen!"), "German for a German reader"),
                () -> assertTrue(english.body().contains("<p>Welcome!</p>")),
                () -> assertTrue(french.body().contains("<p>Welcome!</p>"), "the default language for others"),
                () -> assertEquals(200, about.statusCode(), "the demo content's about page"),
                () -> assertTrue(about.body().contains("href=\"/link/invoice/42\""), about.body()));
    }

    private long lockOf(String slug, String language) throws Exception {
        HttpResponse<String> read = call(eddie, "GET", "/api/cms/pages/" + slug + "/" + language, null);
        return Long.parseLong(etag(read).replace("\"", ""));
    }

    @Test
    void aScheduledPublicationHappensOnItsOwn() throws Exception {
        String slug = unique("scheduled");
        String path = "/api/cms/pages/" + slug + "/en";
        HttpResponse<String> create = call(eddie, "POST", "/api/cms/items", item("page", slug, "en", "Soon",
                "<p>Now live.</p>", "end-user"));
        String at = Instant.now().plusSeconds(2).toString();
        HttpResponse<String> scheduled = call(eddie, "PUT", path + "/schedule",
                "{\"publishAt\":\"" + at + "\",\"unpublishAt\":null}", "If-Match", etag(create));
        assertEquals(200, scheduled.statusCode(), scheduled.body());
        assertEquals(at, json(scheduled).getString("publishAt"));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(45)); // the schedule runs every 15 seconds
        JsonObject now = json(scheduled);
        while (!"published".equals(now.getString("status")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            now = json(call(eddie, "GET", path, null));
        }
        HttpResponse<String> shown = page(FormLogin.loggedIn(root(), "alice", "portico-demo"), slug, "en");

        JsonObject last = now;
        assertAll(
                () -> assertEquals("published", last.getString("status")),
                () -> assertTrue(last.isNull("publishAt"), "done: nothing scheduled any more"),
                () -> assertEquals("schedule", last.getString("updatedBy")),
                () -> assertTrue(shown.body().contains("Now live."), "readers see it"));
    }

    // ---- refusals ------------------------------------------------------------------------------------------

    @Test
    void changesMadeMeanwhileAreRefusedSayingWhoAndWhen() throws Exception {
        String slug = unique("stale");
        String path = "/api/cms/pages/" + slug + "/en";
        HttpResponse<String> create = call(eddie, "POST", "/api/cms/items", item("page", slug, "en", "T", "<p>a</p>",
                "end-user"));
        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        HttpResponse<String> adas = call(ada, "PUT", path, draft("By ada", "<p>b</p>", "end-user"),
                "If-Match", etag(create));
        HttpResponse<String> eddies = call(eddie, "PUT", path, draft("By eddie", "<p>c</p>", "end-user"),
                "If-Match", etag(create));
        HttpResponse<String> noIfMatch = call(eddie, "PUT", path, draft("x", "<p>d</p>", "end-user"));
        HttpResponse<String> weak = call(eddie, "POST", path + "/publish", null, "If-Match", "W/\"1\"");
        HttpResponse<String> read = call(eddie, "GET", path, null);

        assertAll(
                () -> assertEquals(200, adas.statusCode(), adas.body()),
                () -> assertProblem(409, eddies),
                () -> assertTrue(json(eddies).getString("detail").contains("changed by ada at"), eddies.body()),
                () -> assertProblem(428, noIfMatch),
                () -> assertProblem(412, weak),
                () -> assertEquals("By ada", json(read).getString("title"), "nothing of eddie's lost ada's change"));
    }

    @Test
    void badFieldsTakenSlugsAndPastTimesAreRefusedFieldByField() throws Exception {
        String slug = unique("taken");
        HttpResponse<String> first = call(eddie, "POST", "/api/cms/items", item("page", slug, "en", "T", "", "end-user"));
        HttpResponse<String> again = call(eddie, "POST", "/api/cms/items", item("page", slug, "en", "T", "", "end-user"));
        HttpResponse<String> portalPage = call(eddie, "POST", "/api/cms/items",
                item("page", "invoices", "en", "T", "", "end-user"));
        HttpResponse<String> bad = call(eddie, "POST", "/api/cms/items",
                item("page", "Not A Slug", "xx-!!", "", "", "pope"));
        HttpResponse<String> blockWithRoles = call(eddie, "POST", "/api/cms/items",
                item("block", unique("b"), "und", "", "<p>x</p>", "end-user"));
        HttpResponse<String> past = call(eddie, "PUT", "/api/cms/pages/" + slug + "/en/schedule",
                "{\"publishAt\":\"2020-01-01T00:00:00Z\",\"unpublishAt\":\"tomorrow\"}", "If-Match", etag(first));
        HttpResponse<String> notJson = call(eddie, "POST", "/api/cms/items", "{\"kind\":", "X-Dummy", "1");
        HttpResponse<String> unknown = call(eddie, "GET", "/api/cms/pages/no-such-page/en", null);
        HttpResponse<String> badLanguage = call(eddie, "GET", "/api/cms/pages/" + slug + "/%3Cscript%3E", null);

        assertAll(
                () -> assertEquals(201, first.statusCode(), first.body()),
                () -> assertProblem(409, again),
                () -> assertProblem(409, portalPage),
                () -> assertTrue(json(portalPage).getString("detail").contains("portal page"), portalPage.body()),
                () -> assertProblem(400, bad),
                () -> assertEquals(List.of("key", "locale", "title", "roles"), errorFields(bad)),
                () -> assertProblem(400, blockWithRoles),
                () -> assertEquals(List.of("roles"), errorFields(blockWithRoles)),
                () -> assertProblem(400, past),
                () -> assertEquals(List.of("unpublishAt"), errorFields(past), "a time that does not read"),
                () -> assertProblem(400, notJson),
                () -> assertProblem(404, unknown),
                () -> assertProblem(404, badLanguage),
                () -> assertFalse(badLanguage.body().contains("<script>")));
        HttpResponse<String> inThePast = call(eddie, "PUT", "/api/cms/pages/" + slug + "/en/schedule",
                "{\"publishAt\":\"2020-01-01T00:00:00Z\"}", "If-Match", etag(first));
        assertProblem(400, inThePast);
        assertEquals(List.of("publishAt"), errorFields(inThePast));
    }

    @Test
    void onlyEditorsAndAdminsWriteAndStrangersAndOtherSitesAreTurnedAway() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        HttpResponse<String> readerList = call(alice, "GET", "/api/cms/items", null);
        HttpResponse<String> readerCreate = call(alice, "POST", "/api/cms/items",
                item("page", unique("x"), "en", "T", "", "end-user"));
        HttpResponse<String> guest = call(FormLogin.newClient(), "GET", "/api/cms/items", null);
        HttpResponse<String> crossSite = call(eddie, "POST", "/api/cms/items",
                item("page", unique("x"), "en", "T", "", "end-user"), "Origin", "https://evil.example");
        HttpResponse<String> notJson = eddie.send(HttpRequest.newBuilder(URI.create(root() + "/api/cms/items"))
                .header("Content-Type", "text/plain").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("kind=page")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> adaList = call(FormLogin.loggedIn(root(), "ada", "portico-demo"), "GET",
                "/api/cms/items?kind=page&status=published&q=about", null);

        assertAll(
                () -> assertProblem(403, readerList),
                () -> assertProblem(403, readerCreate),
                () -> assertProblem(401, guest),
                () -> assertProblem(403, crossSite),
                () -> assertProblem(415, notJson),
                () -> assertEquals(200, adaList.statusCode(), adaList.body()),
                () -> assertTrue(json(adaList).getJsonArray("items").stream().map(JsonValue::asJsonObject)
                        .anyMatch(item -> item.getString("key").equals("about")
                                && item.getString("status").equals("published")), adaList.body()));
    }
}
