package org.portico.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

/**
 * The portal pages' REST API on the wire: CRUD with the revision as ETag and If-Match (428 without, 409 saying who
 * changed the page when), versions and revert, export and import (dry run, all or nothing, every problem named by
 * its place: {@code pages/0/widgets/1/width}), and what strangers and broken requests get: problem+json, never a 500.
 */
class PagesApiIT extends ApiTestBase {

    private static final String EVIL = "https://evil.example";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private HttpClient ada;

    @BeforeEach
    void loginAda() throws Exception {
        ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A request as ada with JSON (or no) body and the given extra headers (name, value, …). */
    private HttpResponse<String> send(String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        return request(ada, method, path, json == null ? null : "application/json", json, headers);
    }

    private HttpResponse<String> request(HttpClient client, String method, String path, String contentType,
                                         String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObjectBuilder widget(String id, String title) {
        return Json.createObjectBuilder().add("id", id).add("kind", "cms-block").add("title", title).add("width", 6)
                .add("roles", Json.createArrayBuilder()).add("optional", false)
                .add("settings", Json.createObjectBuilder().add("block", "welcome"));
    }

    /** A page of two CMS block widgets whose ids start with the slug. */
    private static JsonObjectBuilder page(String slug) {
        return Json.createObjectBuilder()
                .add("slug", slug)
                .add("title", "Page " + slug)
                .add("roles", Json.createArrayBuilder().add("end-user"))
                .add("inNavigation", false)
                .add("navOrder", 7)
                .add("widgets", Json.createArrayBuilder().add(widget(slug + "-a", "First")).add(widget(slug + "-b", "Second")));
    }

    private JsonObject create(String slug) throws Exception {
        HttpResponse<String> created = send("POST", "/api/admin/pages", page(slug).build().toString());
        assertEquals(201, created.statusCode(), created.body());
        return json(created);
    }

    private static String etag(JsonObject page) {
        return "\"" + page.getJsonNumber("revision").longValue() + "\"";
    }

    private static List<String> errorFields(HttpResponse<String> response) {
        return json(response).getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")).toList();
    }

    private static List<String> strings(JsonObject json, String field) {
        return json.getJsonArray(field).getValuesAs(JsonString::getString);
    }

    /** The page without {@code updatedAt}: the database keeps it to the microsecond, the answer to a save as taken. */
    private static JsonObject withoutTime(JsonObject page) {
        return Json.createObjectBuilder(page).remove("updatedAt").build();
    }

    private void assertProblem(int status, HttpResponse<String> response) {
        assertAll(
                () -> assertEquals(status, response.statusCode(), response.body()),
                () -> assertEquals(PROBLEM, type(response)),
                () -> assertEquals(status, json(response).getInt("status")));
    }

    // ---- CRUD ----------------------------------------------------------------------------------------------

    @Test
    void aSiteAdminCreatesReadsUpdatesAndDeletesAPage() throws Exception {
        String slug = unique("crud");

        HttpResponse<String> created = send("POST", "/api/admin/pages", page(slug).build().toString());
        JsonObject page = json(created);
        HttpResponse<String> read = send("GET", "/api/admin/pages/" + slug, null);
        HttpResponse<String> list = send("GET", "/api/admin/pages", null);
        JsonObject listed = json(list).getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(item -> item.getString("slug").equals(slug)).findFirst().orElseThrow();
        String changed = Json.createObjectBuilder(json(read)).add("title", "Renamed")
                .add("widgets", Json.createArrayBuilder().add(widget(slug + "-b", "Second only"))).build().toString();
        HttpResponse<String> updated = send("PUT", "/api/admin/pages/" + slug, changed, "If-Match", etag(page));
        HttpResponse<String> deleted = send("DELETE", "/api/admin/pages/" + slug, null);
        HttpResponse<String> gone = send("GET", "/api/admin/pages/" + slug, null);

        long revision = page.getJsonNumber("revision").longValue();
        assertAll(
                () -> assertEquals(201, created.statusCode(), created.body()),
                () -> assertEquals(root() + "/api/admin/pages/" + slug, created.headers().firstValue("Location").orElse("")),
                () -> assertEquals(etag(page), created.headers().firstValue("ETag").orElse(""), "the revision is the ETag"),
                () -> assertEquals("ada", page.getString("updatedBy")),
                () -> assertEquals(List.of("end-user"), strings(page, "roles")),
                () -> assertEquals(7, page.getInt("navOrder")),
                () -> assertEquals(slug + "-b", page.getJsonArray("widgets").getJsonObject(1).getString("id")),
                () -> assertEquals("welcome", page.getJsonArray("widgets").getJsonObject(0).getJsonObject("settings")
                        .getString("block")),
                () -> assertEquals(200, read.statusCode()),
                () -> assertEquals(withoutTime(page), withoutTime(json(read))),
                () -> assertEquals(etag(page), read.headers().firstValue("ETag").orElse("")),
                () -> assertEquals(json(list).getJsonArray("items").size(), json(list).getInt("total")),
                () -> assertEquals(2, listed.getInt("widgetCount")),
                () -> assertEquals(revision, listed.getJsonNumber("revision").longValue()),
                () -> assertEquals("ada", listed.getString("updatedBy")),
                () -> assertEquals("Page " + slug, listed.getString("title")),
                () -> assertEquals(200, updated.statusCode(), updated.body()),
                () -> assertEquals("Renamed", json(updated).getString("title")),
                () -> assertEquals(1, json(updated).getJsonArray("widgets").size()),
                () -> assertEquals(revision + 1, json(updated).getJsonNumber("revision").longValue()),
                () -> assertEquals("\"" + (revision + 1) + "\"", updated.headers().firstValue("ETag").orElse("")),
                () -> assertEquals(204, deleted.statusCode(), deleted.body()),
                () -> assertProblem(404, gone),
                () -> assertEquals("https://portico.org/problems/page-not-found", json(gone).getString("type")));
    }

    @Test
    void anUpdateNeedsIfMatchAndAStaleOneSaysWhoChangedThePageAndWhen() throws Exception {
        String slug = unique("stale");
        JsonObject page = create(slug);
        String first = Json.createObjectBuilder(page).add("title", "First change").build().toString();
        String second = Json.createObjectBuilder(page).add("title", "Second change").build().toString();

        HttpResponse<String> withoutIfMatch = send("PUT", "/api/admin/pages/" + slug, first);
        HttpResponse<String> anyRevision = send("PUT", "/api/admin/pages/" + slug, first, "If-Match", "*");
        HttpResponse<String> weak = send("PUT", "/api/admin/pages/" + slug, first, "If-Match", "W/" + etag(page));
        HttpResponse<String> saved = send("PUT", "/api/admin/pages/" + slug, first, "If-Match", etag(page));
        HttpResponse<String> stale = send("PUT", "/api/admin/pages/" + slug, second, "If-Match", etag(page));
        String savedAt = DateTimeFormatter.ISO_INSTANT.format(
                Instant.parse(json(saved).getString("updatedAt")).truncatedTo(ChronoUnit.SECONDS));

        assertAll(
                () -> assertProblem(428, withoutIfMatch),
                () -> assertTrue(json(withoutIfMatch).getString("detail").contains("If-Match"), withoutIfMatch.body()),
                () -> assertProblem(428, anyRevision),
                () -> assertProblem(412, weak),
                () -> assertEquals(200, saved.statusCode(), saved.body()),
                () -> assertProblem(409, stale),
                () -> assertEquals("https://portico.org/problems/page-conflict", json(stale).getString("type")),
                () -> assertTrue(json(stale).getString("detail").contains("was changed by ada at " + savedAt),
                        stale.body()),
                () -> assertEquals("First change", json(send("GET", "/api/admin/pages/" + slug, null)).getString("title"),
                        "the stale change was not saved"));
    }

    @Test
    void everyVersionIsKeptAndOneCanBeRevertedTo() throws Exception {
        String slug = unique("versions");
        JsonObject original = create(slug);
        JsonObject second = json(send("PUT", "/api/admin/pages/" + slug,
                Json.createObjectBuilder(original).add("title", "Second").build().toString(), "If-Match", etag(original)));
        JsonObject third = json(send("PUT", "/api/admin/pages/" + slug,
                Json.createObjectBuilder(second).add("title", "Third").build().toString(), "If-Match", etag(second)));
        long first = original.getJsonNumber("revision").longValue();

        HttpResponse<String> versions = send("GET", "/api/admin/pages/" + slug + "/versions", null);
        HttpResponse<String> oldest = send("GET", "/api/admin/pages/" + slug + "/versions/" + first, null);
        HttpResponse<String> noIfMatch = send("POST", "/api/admin/pages/" + slug + "/versions/" + first + "/revert", null);
        HttpResponse<String> staleRevert = send("POST", "/api/admin/pages/" + slug + "/versions/" + first + "/revert",
                null, "If-Match", etag(second));
        HttpResponse<String> reverted = send("POST", "/api/admin/pages/" + slug + "/versions/" + first + "/revert",
                null, "If-Match", etag(third));
        HttpResponse<String> unknownVersion = send("GET", "/api/admin/pages/" + slug + "/versions/999999", null);
        HttpResponse<String> notANumber = send("GET", "/api/admin/pages/" + slug + "/versions/latest", null);

        List<Long> revisions = json(versions).getJsonArray("versions").stream()
                .map(v -> v.asJsonObject().getJsonNumber("revision").longValue()).toList();
        assertAll(
                () -> assertEquals(200, versions.statusCode(), versions.body()),
                () -> assertEquals(List.of(first + 2, first + 1, first), revisions, "newest first"),
                () -> assertEquals("ada", json(versions).getJsonArray("versions").getJsonObject(0).getString("savedBy")),
                () -> assertEquals(200, oldest.statusCode(), oldest.body()),
                () -> assertEquals("Page " + slug, json(oldest).getString("title")),
                () -> assertEquals(first, json(oldest).getJsonNumber("revision").longValue()),
                () -> assertProblem(428, noIfMatch),
                () -> assertProblem(409, staleRevert),
                () -> assertEquals(200, reverted.statusCode(), reverted.body()),
                () -> assertEquals("Page " + slug, json(reverted).getString("title")),
                () -> assertEquals(first + 3, json(reverted).getJsonNumber("revision").longValue(), "a new version"),
                () -> assertEquals(4, json(send("GET", "/api/admin/pages/" + slug + "/versions", null))
                        .getJsonArray("versions").size()),
                () -> assertProblem(404, unknownVersion),
                () -> assertProblem(404, notANumber));
    }

    @Test
    void theHomePageIsNotDeletedAndUnknownPagesAre404() throws Exception {
        HttpResponse<String> home = send("DELETE", "/api/admin/pages/home", null);
        String unknown = unique("nothing");
        HttpResponse<String> get = send("GET", "/api/admin/pages/" + unknown, null);
        HttpResponse<String> put = send("PUT", "/api/admin/pages/" + unknown, page(unknown).build().toString(),
                "If-Match", "\"0\"");
        HttpResponse<String> delete = send("DELETE", "/api/admin/pages/" + unknown, null);
        HttpResponse<String> versions = send("GET", "/api/admin/pages/" + unknown + "/versions", null);
        HttpResponse<String> taken = send("POST", "/api/admin/pages",
                Json.createObjectBuilder(page("home").build()).add("roles", Json.createArrayBuilder().add("end-user"))
                        .build().toString());

        assertAll(
                () -> assertProblem(409, home),
                () -> assertEquals("The home page can be changed but not deleted.", json(home).getString("detail")),
                () -> assertEquals(200, send("GET", "/api/admin/pages/home", null).statusCode()),
                () -> assertProblem(404, get),
                () -> assertEquals("There is no page '" + unknown + "'. Reload the list; it may have changed.",
                        json(get).getString("detail")),
                () -> assertProblem(404, put),
                () -> assertProblem(404, delete),
                () -> assertProblem(404, versions),
                () -> assertProblem(409, taken));
    }

    // ---- export and import ---------------------------------------------------------------------------------

    @Test
    void anExportedPageImportsBackAfterADryRunThatWritesNothing() throws Exception {
        String slug = unique("trip");
        create(slug);
        HttpResponse<String> exported = send("GET", "/api/admin/pages/export", null);
        JsonObject mine = json(exported).getJsonArray("pages").stream().map(JsonValue::asJsonObject)
                .filter(page -> page.getString("slug").equals(slug)).findFirst().orElseThrow();
        JsonObject home = json(exported).getJsonArray("pages").stream().map(JsonValue::asJsonObject)
                .filter(page -> page.getString("slug").equals("home")).findFirst().orElseThrow();
        send("DELETE", "/api/admin/pages/" + slug, null);
        // Other tests' pages may hold kinds this WAR does not know: the round trip is of this page and the home page.
        String file = Json.createObjectBuilder().add("pages", Json.createArrayBuilder().add(mine).add(home)).build()
                .toString();

        HttpResponse<String> dry = send("POST", "/api/admin/pages/import?dryRun=true", file);
        HttpResponse<String> stillGone = send("GET", "/api/admin/pages/" + slug, null);
        HttpResponse<String> imported = send("POST", "/api/admin/pages/import?dryRun=false", file);
        HttpResponse<String> back = send("GET", "/api/admin/pages/" + slug, null);
        HttpResponse<String> again = send("POST", "/api/admin/pages/import", file);

        assertAll(
                () -> assertEquals(200, exported.statusCode(), exported.body()),
                () -> assertTrue(exported.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;")),
                () -> assertFalse(mine.containsKey("revision"), "an export holds pages, not their bookkeeping"),
                () -> assertEquals(200, dry.statusCode(), dry.body()),
                () -> assertTrue(json(dry).getBoolean("dryRun")),
                () -> assertEquals(List.of(slug), strings(json(dry), "created")),
                () -> assertEquals(List.of("home"), strings(json(dry), "unchanged")),
                () -> assertEquals("created", json(dry).getJsonArray("pages").getJsonObject(0).getString("action")),
                () -> assertProblem(404, stillGone),
                () -> assertEquals(200, imported.statusCode(), imported.body()),
                () -> assertFalse(json(imported).getBoolean("dryRun")),
                () -> assertEquals(List.of(slug), strings(json(imported), "created")),
                () -> assertEquals(200, back.statusCode()),
                () -> assertEquals(mine, Json.createObjectBuilder(json(back)).remove("revision").remove("updatedAt")
                        .remove("updatedBy").build(), "the same page, exactly"),
                () -> assertEquals(List.of(slug, "home"), strings(json(again), "unchanged")));
    }

    @Test
    void anImportWithAnInvalidWidgetChangesNothingAndNamesEveryProblemByItsPlace() throws Exception {
        String existing = unique("kept");
        create(existing);
        String fresh = unique("fresh");
        JsonArrayBuilder widgets = Json.createArrayBuilder()
                .add(widget(fresh + "-ok", "Fine"))
                .add(widget(fresh + "-bad", "Broken").add("width", 20)
                        .add("settings", Json.createObjectBuilder().add("block", "")))
                .add(widget(fresh + "-odd", "Odd").add("kind", "clock"))
                .add(widget(fresh + "-ok", "Twice"));
        String file = Json.createObjectBuilder().add("pages", Json.createArrayBuilder()
                .add(page(fresh).add("widgets", widgets))
                .add(page(existing).add("title", "Would change"))
                .add(page(unique("more")).add("navOrder", "first"))).build().toString();

        HttpResponse<String> response = send("POST", "/api/admin/pages/import", file);
        HttpResponse<String> dry = send("POST", "/api/admin/pages/import?dryRun=true", file);
        HttpResponse<String> notAFile = send("POST", "/api/admin/pages/import", "{\"routes\": []}");

        assertAll(
                () -> assertProblem(400, response),
                () -> assertEquals("https://portico.org/problems/invalid-page-import", json(response).getString("type")),
                () -> assertTrue(json(response).getString("detail").startsWith("Nothing was imported"), response.body()),
                () -> assertEquals(List.of("pages/0/widgets/2/kind", "pages/0/widgets/1/width",
                        "pages/0/widgets/1/settings/block", "pages/0/widgets/3/id", "pages/2/navOrder"),
                        errorFields(response), response.body()),
                () -> assertEquals(errorFields(response), errorFields(dry), "a dry run reports the same"),
                () -> assertEquals(List.of("pages"), errorFields(notAFile)),
                () -> assertProblem(404, send("GET", "/api/admin/pages/" + fresh, null)),
                () -> assertEquals("Page " + existing,
                        json(send("GET", "/api/admin/pages/" + existing, null)).getString("title"), "nothing changed"));
    }

    // ---- strangers and broken requests ---------------------------------------------------------------------

    @Test
    void guestsGet401AndUsersWithoutTheRole403() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        String slug = unique("nope");
        HttpResponse<String> guest = request(FormLogin.newClient(), "GET", "/api/admin/pages", null, null);
        HttpResponse<String> guestCreate = request(FormLogin.newClient(), "POST", "/api/admin/pages",
                "application/json", page(slug).build().toString());
        HttpResponse<String> aliceList = request(alice, "GET", "/api/admin/pages/home", null, null);
        HttpResponse<String> aliceCreate = request(alice, "POST", "/api/admin/pages", "application/json",
                page(slug).build().toString());

        assertAll(
                () -> assertProblem(401, guest),
                () -> assertProblem(401, guestCreate),
                () -> assertProblem(403, aliceList),
                () -> assertProblem(403, aliceCreate),
                () -> assertProblem(404, send("GET", "/api/admin/pages/" + slug, null)));
    }

    @Test
    void aStrangersPageCannotChangePagesWithTheAdminsCookie() throws Exception {
        String slug = unique("csrf");
        JsonObject page = create(slug);
        String other = unique("csrf");

        HttpResponse<String> post = send("POST", "/api/admin/pages", page(other).build().toString(), "Origin", EVIL);
        HttpResponse<String> put = send("PUT", "/api/admin/pages/" + slug,
                Json.createObjectBuilder(page).add("title", "Forged").build().toString(),
                "If-Match", etag(page), "Sec-Fetch-Site", "cross-site");
        HttpResponse<String> delete = send("DELETE", "/api/admin/pages/" + slug, null, "Origin", EVIL);
        HttpResponse<String> revert = send("POST", "/api/admin/pages/" + slug + "/versions/"
                + page.getJsonNumber("revision") + "/revert", null, "If-Match", etag(page), "Origin", "null");
        HttpResponse<String> sameOrigin = send("PUT", "/api/admin/pages/" + slug,
                Json.createObjectBuilder(page).add("title", "From Portico").build().toString(),
                "If-Match", etag(page), "Origin", root());

        assertAll(
                () -> assertProblem(403, post),
                () -> assertProblem(403, put),
                () -> assertProblem(403, delete),
                () -> assertProblem(403, revert),
                () -> assertProblem(404, send("GET", "/api/admin/pages/" + other, null)),
                () -> assertEquals(200, sameOrigin.statusCode(), sameOrigin.body()),
                () -> assertEquals("From Portico", json(send("GET", "/api/admin/pages/" + slug, null)).getString("title")));
    }

    @Test
    void brokenWrongTypeAndOversizedBodiesAreProblemsNeverA500() throws Exception {
        String slug = unique("body");
        HttpResponse<String> broken = send("POST", "/api/admin/pages", "{\"slug\": ");
        HttpResponse<String> empty = send("POST", "/api/admin/pages", "");
        HttpResponse<String> array = send("POST", "/api/admin/pages", "[1, 2]");
        HttpResponse<String> text = request(ada, "POST", "/api/admin/pages", "text/plain", page(slug).build().toString());
        HttpResponse<String> form = request(ada, "POST", "/api/admin/pages/import", "application/x-www-form-urlencoded",
                "pages=1");
        String huge = "{\"pages\": [], \"pad\": \"" + "x".repeat(1024 * 1024) + "\"}";
        HttpResponse<String> tooLarge = send("POST", "/api/admin/pages/import", huge);
        HttpResponse<String> badFlag = send("POST", "/api/admin/pages/import?dryRun=maybe", "{\"pages\": []}");
        HttpResponse<String> wrongTypes = send("POST", "/api/admin/pages", page(slug).add("title", 42)
                .add("roles", "end-user").add("widgets", Json.createArrayBuilder().add("w1")).build().toString());

        assertAll(
                () -> assertProblem(400, broken),
                () -> assertTrue(json(broken).getString("detail").contains("not valid JSON"), broken.body()),
                () -> assertProblem(400, empty),
                () -> assertProblem(400, array),
                () -> assertProblem(415, text),
                () -> assertProblem(415, form),
                () -> assertProblem(413, tooLarge),
                () -> assertProblem(400, badFlag),
                () -> assertProblem(400, wrongTypes),
                () -> assertEquals(List.of("title", "roles", "widgets/0"), errorFields(wrongTypes), wrongTypes.body()),
                () -> assertProblem(404, send("GET", "/api/admin/pages/" + slug, null)));
    }
}
