package org.portico.web.it;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
 * The link routes' REST API on the wire: CRUD, problem+json with a field for every problem, export and import (all or
 * nothing, dry run), and bodies that are broken, of the wrong type or too large.
 */
class RouteApiIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private HttpClient ada;
    private String app;

    @BeforeEach
    void loginAdaAndRegisterAnApp() throws Exception {
        ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        app = unique("rest");
        String body = Json.createObjectBuilder()
                .add("id", app).add("name", "Routes " + app).add("audience", "https://" + app + ".example")
                .add("baseUrls", Json.createArrayBuilder().add("https://" + app + ".example/app/"))
                .add("claims", Json.createArrayBuilder().add("name"))
                .add("clientAuthentication", "client_secret").build().toString();
        createApp(ada, body);
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return send(ada, method, path, "application/json", json);
    }

    private static List<String> errorFields(HttpResponse<String> response) {
        return json(response).getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")).toList();
    }


    private JsonObjectBuilder route(String name) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("description", "An order in the test app")
                .add("parameters", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "id").add("type", "int"))
                        .add(Json.createObjectBuilder().add("name", "tab").add("type", "enum").add("required", false)
                                .add("values", Json.createArrayBuilder().add("lines").add("history"))))
                .add("target", Json.createObjectBuilder().add("appId", app)
                        .add("template", "https://" + app + ".example/app/orders/{id}?tab={tab}"))
                .add("roles", Json.createArrayBuilder().add("end-user"))
                .add("validFrom", "2030-01-31T09:00:00+01:00")
                .add("window", "new_tab")
                .add("tokenLifetimeSeconds", 60)
                .add("claims", Json.createArrayBuilder().add("name"));
    }

    private JsonObject create(String name) throws Exception {
        HttpResponse<String> created = send("POST", "/api/admin/routes", route(name).build().toString());
        assertEquals(201, created.statusCode(), created.body());
        return json(created);
    }

    @Test
    void aSiteAdminCreatesReadsUpdatesAndDeletesARoute() throws Exception {
        String name = unique("order");

        HttpResponse<String> created = send("POST", "/api/admin/routes", route(name).build().toString());
        JsonObject route = json(created);
        HttpResponse<String> read = send("GET", "/api/admin/routes/" + name, null);
        HttpResponse<String> list = send("GET", "/api/admin/routes?q=" + name, null);
        String changed = Json.createObjectBuilder(route).add("description", "Changed").add("enabled", false).build().toString();
        HttpResponse<String> updated = send("PUT", "/api/admin/routes/" + name, changed);
        HttpResponse<String> deleted = send("DELETE", "/api/admin/routes/" + name, null);
        HttpResponse<String> gone = send("GET", "/api/admin/routes/" + name, null);

        assertAll(
                () -> assertEquals(201, created.statusCode(), created.body()),
                () -> assertEquals(root() + "/api/admin/routes/" + name, created.headers().firstValue("Location").orElse("")),
                () -> assertEquals("/link/" + name + "/42", route.getString("sampleUrl")),
                () -> assertEquals("2030-01-31T08:00:00Z", route.getString("validFrom"), "stored as an instant"),
                () -> assertEquals(JsonValue.NULL, route.get("validUntil")),
                () -> assertEquals("new_tab", route.getString("window")),
                () -> assertEquals("fragment", route.getString("tokenPlacement"), "the default"),
                () -> assertEquals(List.of("lines", "history"), route.getJsonArray("parameters").getJsonObject(1)
                        .getJsonArray("values").getValuesAs(jakarta.json.JsonString::getString)),
                () -> assertEquals(0, route.getInt("version")),
                () -> assertEquals(200, read.statusCode()),
                () -> assertEquals(route, json(read)),
                () -> assertEquals(1, json(list).getInt("total")),
                () -> assertEquals(200, updated.statusCode(), updated.body()),
                () -> assertEquals("Changed", json(updated).getString("description")),
                () -> assertFalse(json(updated).getBoolean("enabled")),
                () -> assertEquals(1, json(updated).getInt("version")),
                () -> assertEquals(204, deleted.statusCode()),
                () -> assertEquals(404, gone.statusCode()),
                () -> assertEquals(PROBLEM, type(gone)),
                () -> assertEquals("https://portico.org/problems/route-not-found", json(gone).getString("type")));
    }

    @Test
    void everyProblemOfARouteIsReportedWithItsField() throws Exception {
        String body = route(unique("bad"))
                .add("parameters", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "key").add("type", "pattern").add("pattern", "[A-Z"))
                        .add(Json.createObjectBuilder().add("name", "n").add("type", "number")))
                .add("target", Json.createObjectBuilder().add("appId", app).add("template", "https://{host}/x/{key}"))
                .add("roles", Json.createArrayBuilder().add("boss"))
                .add("tokenLifetimeSeconds", "sixty")
                .add("claims", Json.createArrayBuilder().add("email"))
                .add("colour", "blue")
                .build().toString();

        HttpResponse<String> response = send("POST", "/api/admin/routes", body);

        assertAll(
                () -> assertEquals(400, response.statusCode()),
                () -> assertEquals(PROBLEM, type(response)),
                () -> assertEquals("https://portico.org/problems/invalid-route", json(response).getString("type")),
                () -> assertEquals(List.of("parameters[1].type", "parameters[0].pattern", "target.template",
                        "target.template", "roles", "tokenLifetimeSeconds", "claims", "colour"),
                        errorFields(response), response.body()));
    }

    /**
     * Admins' patterns run on anonymous input, so they are matched in linear time (RE2/J). A lookahead needs a
     * backtracking engine: it is refused when the route is saved or imported, with a message on the pattern's field.
     */
    @Test
    void aPatternWithALookaheadIsRefusedWithAClearMessageOnItsField() throws Exception {
        String name = unique("ahead");
        Supplier<JsonArrayBuilder> parameters = () -> Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("name", "id").add("type", "int"))
                .add(Json.createObjectBuilder().add("name", "tab").add("type", "pattern").add("pattern", "(?=[a-z]+$)(a+)+"));
        String file = Json.createObjectBuilder().add("format", "portico-link-routes").add("formatVersion", 1)
                .add("routes", Json.createArrayBuilder().add(route(unique("ahead-import")).add("parameters", parameters.get())))
                .build().toString();

        HttpResponse<String> saved = send("POST", "/api/admin/routes", route(name).add("parameters", parameters.get()).build().toString());
        HttpResponse<String> imported = send("POST", "/api/admin/routes/import", file);

        JsonObject error = json(saved).getJsonArray("errors").getJsonObject(0);
        assertAll(
                () -> assertEquals(400, saved.statusCode(), saved.body()),
                () -> assertEquals(PROBLEM, type(saved)),
                () -> assertEquals("https://portico.org/problems/invalid-route", json(saved).getString("type")),
                () -> assertEquals(List.of("parameters[1].pattern"), errorFields(saved), saved.body()),
                () -> assertTrue(error.getString("message").contains("lookarounds such as (?=…)"), saved.body()),
                () -> assertEquals(404, send("GET", "/api/admin/routes/" + name, null).statusCode(), "nothing saved"),
                () -> assertEquals(400, imported.statusCode(), imported.body()),
                () -> assertEquals(PROBLEM, type(imported)),
                () -> assertEquals(List.of("routes[0].parameters[1].pattern"), errorFields(imported), imported.body()));
    }

    @Test
    void conflictsAreA409AndAnUpdateNeedsTheVersion() throws Exception {
        String name = unique("twice");
        JsonObject route = create(name);
        String update = Json.createObjectBuilder(route).add("description", "first").build().toString();

        HttpResponse<String> again = send("POST", "/api/admin/routes", route(name).build().toString());
        HttpResponse<String> first = send("PUT", "/api/admin/routes/" + name, update);
        HttpResponse<String> stale = send("PUT", "/api/admin/routes/" + name, update);
        HttpResponse<String> noVersion = send("PUT", "/api/admin/routes/" + name, route(name).build().toString());
        HttpResponse<String> missing = send("PUT", "/api/admin/routes/" + unique("none"), update);
        HttpResponse<String> appInUse = send("DELETE", "/api/admin/apps/" + app, null);

        assertAll(
                () -> assertEquals(409, again.statusCode()),
                () -> assertTrue(json(again).getString("detail").contains("already taken"), again.body()),
                () -> assertEquals(200, first.statusCode(), first.body()),
                () -> assertEquals(409, stale.statusCode()),
                () -> assertTrue(json(stale).getString("detail").contains("changed by someone else"), stale.body()),
                () -> assertEquals(400, noVersion.statusCode()),
                () -> assertEquals(List.of("version"), errorFields(noVersion)),
                () -> assertEquals(404, missing.statusCode()),
                () -> assertEquals(409, appInUse.statusCode(), "routes lead into the app"),
                () -> assertTrue(json(appInUse).getString("detail").contains("'" + name + "'"), appInUse.body()));
    }

    @Test
    void brokenWrongTypeAndOversizedBodiesAreProblemsNeverA500() throws Exception {
        HttpResponse<String> broken = send("POST", "/api/admin/routes", "{\"name\": ");
        HttpResponse<String> empty = send("POST", "/api/admin/routes", "");
        HttpResponse<String> array = send("POST", "/api/admin/routes", "[1, 2]");
        HttpResponse<String> text = send(ada, "POST", "/api/admin/routes", "text/plain", route(unique("txt")).build().toString());
        HttpResponse<String> xmlImport = send(ada, "POST", "/api/admin/routes/import", "application/xml", "<routes/>");
        String huge = "{\"format\": \"portico-link-routes\", \"formatVersion\": 1, \"routes\": [], \"pad\": \""
                + "x".repeat(1024 * 1024) + "\"}";
        HttpResponse<String> tooLarge = send("POST", "/api/admin/routes/import", huge);
        HttpResponse<String> badFlag = send("POST", "/api/admin/routes/import?dryRun=maybe", "{}");

        assertAll(
                () -> assertEquals(400, broken.statusCode()),
                () -> assertEquals(PROBLEM, type(broken)),
                () -> assertTrue(json(broken).getString("detail").contains("not valid JSON"), broken.body()),
                () -> assertEquals(400, empty.statusCode()),
                () -> assertEquals(PROBLEM, type(empty)),
                () -> assertEquals(400, array.statusCode()),
                () -> assertEquals(PROBLEM, type(array)),
                () -> assertEquals(415, text.statusCode()),
                () -> assertEquals(PROBLEM, type(text)),
                () -> assertEquals(415, xmlImport.statusCode()),
                () -> assertEquals(413, tooLarge.statusCode()),
                () -> assertEquals(PROBLEM, type(tooLarge)),
                () -> assertEquals(400, badFlag.statusCode()));
    }

    @Test
    void guestsGet401AndUsersWithoutTheRole403() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        HttpResponse<String> guest = send(HttpClient.newHttpClient(), "GET", "/api/admin/routes/export", null, null);
        HttpResponse<String> aliceList = send(alice, "GET", "/api/admin/routes", null, null);
        HttpResponse<String> aliceImport = send(alice, "POST", "/api/admin/routes/import", "application/json", "{}");

        assertAll(
                () -> assertEquals(401, guest.statusCode()),
                () -> assertEquals(PROBLEM, type(guest)),
                () -> assertEquals(403, aliceList.statusCode()),
                () -> assertEquals(403, aliceImport.statusCode()));
    }

    @Test
    void anExportImportsBackUnchangedAndRecreatesWhatWasDeleted() throws Exception {
        String name = unique("trip");
        create(name);
        HttpResponse<String> exported = send("GET", "/api/admin/routes/export", null);
        JsonObject file = json(exported);
        send("DELETE", "/api/admin/routes/" + name, null);

        HttpResponse<String> dry = send("POST", "/api/admin/routes/import?dryRun=true", file.toString());
        HttpResponse<String> stillGone = send("GET", "/api/admin/routes/" + name, null);
        HttpResponse<String> imported = send("POST", "/api/admin/routes/import", file.toString());
        JsonObject again = json(send("GET", "/api/admin/routes/export", null));

        int routes = file.getJsonArray("routes").size();
        assertAll(
                () -> assertEquals(200, exported.statusCode()),
                () -> assertTrue(exported.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;")),
                () -> assertEquals("portico-link-routes", file.getString("format")),
                () -> assertEquals(1, file.getInt("formatVersion")),
                () -> assertEquals(200, dry.statusCode(), dry.body()),
                () -> assertTrue(json(dry).getBoolean("dryRun")),
                () -> assertEquals(List.of(name), json(dry).getJsonArray("created").getValuesAs(jakarta.json.JsonString::getString)),
                () -> assertEquals(routes - 1, json(dry).getJsonArray("unchanged").size(), dry.body()),
                () -> assertEquals(404, stillGone.statusCode(), "a dry run writes nothing"),
                () -> assertEquals(200, imported.statusCode(), imported.body()),
                () -> assertFalse(json(imported).getBoolean("dryRun")),
                () -> assertEquals(file.getJsonArray("routes"), again.getJsonArray("routes"), "the same routes, exactly"));
    }

    @Test
    void anImportWithOneBadRouteChangesNothingAndSaysWhy() throws Exception {
        String existing = unique("kept");
        create(existing);
        String fresh = unique("fresh");
        JsonArrayBuilder routes = Json.createArrayBuilder()
                .add(route(existing).add("description", "would change"))
                .add(route(fresh))
                .add(route(unique("broken")).add("parameters", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "id").add("type", "int"))
                        .add(Json.createObjectBuilder().add("name", "tab").add("type", "pattern").add("pattern", "(")))
                .add("window", "popup"))
                .add(route(fresh));
        String file = Json.createObjectBuilder().add("format", "portico-link-routes").add("formatVersion", 1)
                .add("routes", routes).build().toString();

        HttpResponse<String> response = send("POST", "/api/admin/routes/import", file);
        HttpResponse<String> dry = send("POST", "/api/admin/routes/import?dryRun=true", file);
        HttpResponse<String> wrongVersion = send("POST", "/api/admin/routes/import",
                "{\"format\": \"portico-link-routes\", \"formatVersion\": 2, \"routes\": []}");

        assertAll(
                () -> assertEquals(400, response.statusCode()),
                () -> assertEquals(PROBLEM, type(response)),
                () -> assertEquals("https://portico.org/problems/invalid-route-import", json(response).getString("type")),
                () -> assertTrue(json(response).getString("detail").startsWith("Nothing was imported")),
                () -> assertEquals(List.of("routes[2].parameters[1].pattern", "routes[2].window", "routes[3].name"),
                        errorFields(response), response.body()),
                () -> assertEquals(400, dry.statusCode(), "a dry run reports the same"),
                () -> assertEquals(List.of("formatVersion"), errorFields(wrongVersion)),
                () -> assertEquals(404, send("GET", "/api/admin/routes/" + fresh, null).statusCode(), "nothing created"),
                () -> assertEquals("An order in the test app",
                        json(send("GET", "/api/admin/routes/" + existing, null)).getString("description"), "nothing changed"));
    }

    /** A request that asks for German ({@code Accept-Language}), with a JSON body. */
    private HttpResponse<String> sendInGerman(String method, String path, String json)
            throws IOException, InterruptedException {
        return ada.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(root() + path))
                .header("Accept", "application/json").header("Accept-Language", "de-CH, de;q=0.9, en;q=0.5")
                .header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> errorMessages(HttpResponse<String> response) {
        return json(response).getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("message")).toList();
    }

    /**
     * A site admin whose client asks for German gets a route's problems in German — the core's (a placeholder that
     * names no parameter), the JSON's (a value of the wrong type) and those that need data (a role Portico does not
     * have) — and so does the import report; without the header the same request is answered in English as before.
     */
    @Test
    void aGermanClientGetsTheRouteProblemsInGerman() throws Exception {
        String body = route(unique("de")).add("target", Json.createObjectBuilder().add("appId", app)
                        .add("template", "https://" + app + ".example/app/orders/{id}/{nope}"))
                .add("roles", Json.createArrayBuilder().add("boss"))
                .add("tokenLifetimeSeconds", "sixty")
                .build().toString();
        String file = Json.createObjectBuilder().add("format", "portico-link-routes").add("formatVersion", 2)
                .add("routes", Json.createArrayBuilder()).build().toString();

        HttpResponse<String> german = sendInGerman("POST", "/api/admin/routes", body);
        HttpResponse<String> english = send("POST", "/api/admin/routes", body);
        HttpResponse<String> germanImport = sendInGerman("POST", "/api/admin/routes/import", file);

        assertAll(
                () -> assertEquals(400, german.statusCode(), german.body()),
                () -> assertEquals(PROBLEM, type(german)),
                () -> assertEquals("de", german.headers().firstValue("Content-Language").orElse(null)),
                () -> assertEquals("Die Link-Route ist nicht gültig", json(german).getString("title")),
                () -> assertEquals(List.of("target.template", "roles", "tokenLifetimeSeconds"), errorFields(german),
                        german.body()),
                () -> assertEquals(List.of("{nope} ist kein deklarierter Parameter",
                        "'boss' ist keine Rolle von Portico; verwenden Sie end-user, content-editor oder site-admin",
                        "muss eine ganze Zahl sein"), errorMessages(german), german.body()),
                () -> assertEquals(List.of("{nope} is not a declared parameter",
                        "'boss' is not a Portico role; use end-user, content-editor or site-admin",
                        "must be a whole number"), errorMessages(english), english.body()),
                () -> assertEquals(400, germanImport.statusCode(), germanImport.body()),
                () -> assertEquals("de", germanImport.headers().firstValue("Content-Language").orElse(null)),
                () -> assertEquals("Die Importdatei ist nicht gültig", json(germanImport).getString("title")),
                () -> assertEquals("Es wurde nichts importiert. Was zu korrigieren ist, steht unter 'errors'.",
                        json(germanImport).getString("detail")),
                () -> assertEquals(List.of("muss 1 sein, die Version des Routenformats, die dieses Portico liest"),
                        errorMessages(germanImport), germanImport.body()));
    }

    @Test
    void aDryRunSaysWhatWouldBeCreatedAndUpdated() throws Exception {
        String existing = unique("upd");
        create(existing);
        String fresh = unique("new");
        String file = Json.createObjectBuilder().add("format", "portico-link-routes").add("formatVersion", 1)
                .add("routes", Json.createArrayBuilder().add(route(existing).add("oneTime", true)).add(route(fresh)))
                .build().toString();

        HttpResponse<String> dry = send("POST", "/api/admin/routes/import?dryRun=true", file);
        boolean unchangedAfterDryRun = !json(send("GET", "/api/admin/routes/" + existing, null)).getBoolean("oneTime");
        HttpResponse<String> done = send("POST", "/api/admin/routes/import", file);

        assertAll(
                () -> assertEquals(200, dry.statusCode(), dry.body()),
                () -> assertEquals(List.of(existing), json(dry).getJsonArray("updated").getValuesAs(jakarta.json.JsonString::getString)),
                () -> assertEquals(List.of(fresh), json(dry).getJsonArray("created").getValuesAs(jakarta.json.JsonString::getString)),
                () -> assertEquals("updated", json(dry).getJsonArray("routes").getJsonObject(0).getString("action")),
                () -> assertTrue(unchangedAfterDryRun, "a dry run writes nothing"),
                () -> assertEquals(200, done.statusCode(), done.body()),
                () -> assertTrue(json(send("GET", "/api/admin/routes/" + existing, null)).getBoolean("oneTime")),
                () -> assertEquals(200, send("GET", "/api/admin/routes/" + fresh, null).statusCode()));
    }
}
