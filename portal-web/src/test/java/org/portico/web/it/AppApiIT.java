package org.portico.web.it;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

/**
 * The app registry's REST API on the wire: status codes, Location, problem+json, the one-time secret; a change is seen
 * at once by the token endpoint and by link following.
 */
class AppApiIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private HttpClient ada;

    @BeforeEach
    void loginAda() throws Exception {
        ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
    }

    private static String appJson(String id, String audience) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("name", "API app " + id)
                .add("audience", audience)
                .add("baseUrls", Json.createArrayBuilder().add("https://" + id + ".example/app/"))
                .add("claims", Json.createArrayBuilder().add("name").add("email"))
                .add("tokenLifetimeSeconds", 120)
                .add("clientAuthentication", "client_secret")
                .build().toString();
    }

    private JsonObject create(String id) throws Exception {
        return createApp(ada, appJson(id, "https://" + id + ".example"));
    }

    @Test
    void aSiteAdminRegistersAnAppAndGetsItsSecretOnce() throws Exception {
        String id = unique("api");

        HttpResponse<String> created = send(ada, "POST", "/api/admin/apps", appJson(id, "https://" + id + ".example"));
        JsonObject app = json(created);
        HttpResponse<String> read = send(ada, "GET", "/api/admin/apps/" + id, null);
        HttpResponse<String> list = send(ada, "GET", "/api/admin/apps?q=" + id, null);

        assertAll(
                () -> assertEquals(201, created.statusCode(), created.body()),
                () -> assertEquals(root() + "/api/admin/apps/" + id, created.headers().firstValue("Location").orElse("")),
                () -> assertTrue(app.getString("clientSecret").matches("[A-Za-z0-9_-]{43}"), created.body()),
                () -> assertEquals(List.of("https://" + id + ".example/app"),
                        app.getJsonArray("baseUrls").getValuesAs(JsonString::getString), "normalised"),
                () -> assertEquals(120, app.getInt("tokenLifetimeSeconds")),
                () -> assertEquals("private, no-store", created.headers().firstValue("Cache-Control").orElse("")),
                () -> assertEquals(200, read.statusCode()),
                () -> assertFalse(read.body().contains("clientSecret"), "the secret is never shown again"),
                () -> assertFalse(read.body().contains("PBKDF2"), "nor its hash"),
                () -> assertEquals(1, json(list).getInt("total")),
                () -> assertEquals(id, json(list).getJsonArray("items").getJsonObject(0).getString("id")));
    }

    @Test
    void badInputIsA400ProblemListingEveryInvalidField() throws Exception {
        String body = "{\"id\":\"No!\",\"name\":\"\",\"audience\":\"x\",\"baseUrls\":[\"javascript:alert(1)\"],"
                + "\"tokenLifetimeSeconds\":5,\"clientAuthentication\":\"client_secret\",\"enabled\":\"yes\"}";

        HttpResponse<String> response = send(ada, "POST", "/api/admin/apps", body);
        List<String> fields = json(response).getJsonArray("errors").stream()
                .map(error -> error.asJsonObject().getString("field")).toList();

        assertAll(
                () -> assertEquals(400, response.statusCode()),
                () -> assertEquals(PROBLEM, type(response)),
                () -> assertEquals("https://portico.org/problems/invalid-app", json(response).getString("type")),
                () -> assertEquals(List.of("enabled", "id", "name", "baseUrls", "tokenLifetimeSeconds"), fields, response.body()));
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsA400Problem() throws Exception {
        HttpResponse<String> broken = send(ada, "POST", "/api/admin/apps", "{\"id\": ");
        HttpResponse<String> array = send(ada, "POST", "/api/admin/apps", "[1, 2]");

        assertAll(
                () -> assertEquals(400, broken.statusCode()),
                () -> assertEquals(PROBLEM, type(broken)),
                () -> assertEquals(400, array.statusCode()),
                () -> assertEquals(PROBLEM, type(array)));
    }

    @Test
    void duplicatesAndStaleVersionsAre409() throws Exception {
        String id = unique("dup");
        JsonObject app = create(id);
        String update = Json.createObjectBuilder(Json.createReader(new StringReader(appJson(id, "https://" + id + ".example")))
                .readObject()).add("name", "Renamed").add("version", app.getJsonNumber("version").longValue()).build().toString();

        HttpResponse<String> sameId = send(ada, "POST", "/api/admin/apps", appJson(id, "urn:other:" + id));
        HttpResponse<String> sameAudience = send(ada, "POST", "/api/admin/apps", appJson(unique("other"), "https://" + id + ".example"));
        HttpResponse<String> first = send(ada, "PUT", "/api/admin/apps/" + id, update);
        HttpResponse<String> stale = send(ada, "PUT", "/api/admin/apps/" + id, update);

        assertAll(
                () -> assertEquals(409, sameId.statusCode()),
                () -> assertEquals(PROBLEM, type(sameId)),
                () -> assertTrue(json(sameId).getString("detail").contains("already taken"), sameId.body()),
                () -> assertEquals(409, sameAudience.statusCode()),
                () -> assertEquals(200, first.statusCode(), first.body()),
                () -> assertEquals("Renamed", json(first).getString("name")),
                () -> assertEquals(409, stale.statusCode()),
                () -> assertTrue(json(stale).getString("detail").contains("changed by someone else"), stale.body()));
    }

    @Test
    void anUpdateWithoutAVersionIsRefused() throws Exception {
        String id = unique("nover");
        create(id);

        HttpResponse<String> response = send(ada, "PUT", "/api/admin/apps/" + id, appJson(id, "https://" + id + ".example"));

        assertAll(
                () -> assertEquals(400, response.statusCode()),
                () -> assertEquals("version", json(response).getJsonArray("errors").getJsonObject(0).getString("field")));
    }

    private HttpResponse<String> getApp(String id, String acceptLanguage) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(root() + "/api/admin/apps/" + id)).header("Accept", "application/json");
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return ada.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A refusal answers in the request's language: German when asked for, English when none Portico speaks is named. */
    @Test
    void aRefusalAnswersInTheLanguageOfTheRequest() throws Exception {
        String id = unique("nowhere");
        HttpResponse<String> german = getApp(id, "de-CH, en;q=0.5");
        HttpResponse<String> french = getApp(id, "fr");
        HttpResponse<String> none = getApp(id, null);
        assertAll(
                () -> assertEquals(404, german.statusCode()),
                () -> assertEquals(PROBLEM, type(german)),
                () -> assertEquals("de", german.headers().firstValue("Content-Language").orElse("")),
                () -> assertEquals("Diese App gibt es nicht", json(german).getString("title")),
                () -> assertEquals("Es gibt keine App mit der ID '" + id + "'. Laden Sie die Liste neu; sie hat sich"
                        + " vielleicht geändert.", json(german).getString("detail")),
                () -> assertEquals("https://portico.org/problems/app-not-found", json(german).getString("type")),
                () -> assertEquals("en", french.headers().firstValue("Content-Language").orElse("")),
                () -> assertEquals("No such app", json(french).getString("title")),
                () -> assertEquals("en", none.headers().firstValue("Content-Language").orElse("")),
                () -> assertEquals("There is no app with id '" + id + "'. Reload the list; it may have changed.",
                        json(none).getString("detail")));
    }

    /** Every refused field is listed in the request's language; the English texts read as before. */
    @Test
    void theRefusedFieldsAreListedInTheLanguageOfTheRequest() throws Exception {
        String body = "{\"id\":\"No!\",\"name\":\"\",\"audience\":\"has space\",\"baseUrls\":[\"https://x.example\"],"
                + "\"tokenLifetimeSeconds\":5,\"clientAuthentication\":\"client_secret\"}";
        HttpResponse<String> german = postApp(body, "de-DE,de;q=0.9");
        HttpResponse<String> english = postApp(body, null);

        assertAll(
                () -> assertEquals(400, german.statusCode(), german.body()),
                () -> assertEquals("de", german.headers().firstValue("Content-Language").orElse("")),
                () -> assertEquals(List.of(
                        "id: Eine App-ID hat 2 bis 63 Zeichen: Kleinbuchstaben, Ziffern oder '-', am Anfang ein Buchstabe"
                                + " oder eine Ziffer, z. B. 'billing'; eingegeben wurde 'No!'.",
                        "name: Der Name darf nicht leer sein.",
                        "audience: Die Audience besteht aus druckbaren ASCII-Zeichen ohne Leerzeichen, z. B."
                                + " 'https://billing.example' oder 'billing'; eingegeben wurde 'has space'.",
                        "tokenLifetimeSeconds: Die Token-Lebensdauer muss zwischen 30 und 3600 Sekunden liegen;"
                                + " eingegeben wurden 5."), errors(german)),
                () -> assertEquals("Was zu korrigieren ist, steht unter 'errors'.", json(german).getString("detail")),
                () -> assertEquals(400, english.statusCode(), english.body()),
                () -> assertEquals(List.of(
                        "id: An app id has 2 to 63 characters: lower-case letters, digits or '-', starting with a letter"
                                + " or digit, e.g. 'billing'; got 'No!'.",
                        "name: The name must not be empty.",
                        "audience: The audience is printable ASCII without spaces, e.g. 'https://billing.example' or"
                                + " 'billing'; got 'has space'.",
                        "tokenLifetimeSeconds: The token lifetime must be between 30 and 3600 seconds; got 5."),
                        errors(english)));
    }

    private HttpResponse<String> postApp(String body, String acceptLanguage) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(root() + "/api/admin/apps"))
                .header("Accept", "application/json").header("Content-Type", "application/json");
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return ada.send(request.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The problem's {@code errors}, each as {@code field: message}. */
    private static List<String> errors(HttpResponse<String> problem) {
        return json(problem).getJsonArray("errors").stream().map(error -> error.asJsonObject().getString("field")
                + ": " + error.asJsonObject().getString("message")).toList();
    }

    @Test
    void aRegeneratedSecretDiffersAndDeleteRemovesTheApp() throws Exception {
        String id = unique("gone");
        String firstSecret = create(id).getString("clientSecret");

        HttpResponse<String> regenerated = send(ada, "POST", "/api/admin/apps/" + id + "/secret", null);
        HttpResponse<String> deleted = send(ada, "DELETE", "/api/admin/apps/" + id, null);
        HttpResponse<String> afterwards = send(ada, "GET", "/api/admin/apps/" + id, null);
        HttpResponse<String> again = send(ada, "DELETE", "/api/admin/apps/" + id, null);

        assertAll(
                () -> assertEquals(200, regenerated.statusCode()),
                () -> assertNotEquals(firstSecret, json(regenerated).getString("clientSecret")),
                () -> assertEquals(204, deleted.statusCode()),
                () -> assertEquals(404, afterwards.statusCode()),
                () -> assertEquals(PROBLEM, type(afterwards)),
                () -> assertEquals(404, again.statusCode()));
    }

    /** ada switches the app off, sending it back as {@code json} with {@code enabled: false} and its version. */
    private void disable(String id, String json) throws Exception {
        long version = json(send(ada, "GET", "/api/admin/apps/" + id, null)).getJsonNumber("version").longValue();
        HttpResponse<String> saved = send(ada, "PUT", "/api/admin/apps/" + id, Json.createObjectBuilder(
                Json.createReader(new StringReader(json)).readObject()).add("enabled", false).add("version", version)
                .build().toString());
        assertEquals(200, saved.statusCode(), saved.body());
    }

    /**
     * Regression (issue 9): the app cache ({@code JpaAppDirectory}, 5 seconds) was not cleared on a change, so an app
     * disabled because its secret leaked kept getting tokens until its cached entry expired. The exchange before
     * the change puts the caller in the cache; the one right after must already be refused.
     */
    @Test
    void aDisabledAppGetsNoTokenByExchangeAtOnce() throws Exception {
        ExchangeApps apps = registerExchangeApps("off", "name");
        HttpResponse<String> userToken = send(FormLogin.loggedIn(root(), "alice", "portico-demo"), "GET",
                "/api/token?audience=" + URLEncoder.encode(apps.callerAudience(), StandardCharsets.UTF_8), null);
        assertEquals(200, userToken.statusCode(), userToken.body());
        String subject = json(userToken).getString("access_token");
        HttpResponse<String> before = exchangeToken(apps.caller(), apps.callerSecret(), subject, apps.targetAudience());

        disable(apps.caller(), exchangeApp(apps.caller(), apps.targetAudience(), "name"));
        HttpResponse<String> after = exchangeToken(apps.caller(), apps.callerSecret(), subject, apps.targetAudience());

        assertAll(
                () -> assertEquals(200, before.statusCode(), "works while enabled: " + before.body()),
                () -> assertEquals(401, after.statusCode(), "refused at once: " + after.body()),
                () -> assertEquals("invalid_client", json(after).getString("error"), after.body()));
    }

    /** Regression (issue 9), the same for link following: a link into a disabled app leads nowhere at once. */
    @Test
    void aLinkIntoADisabledAppIsRefusedAtOnce() throws Exception {
        String id = unique("off-links");
        create(id);
        String route = unique("off-route");
        HttpResponse<String> created = send(ada, "POST", "/api/admin/routes", Json.createObjectBuilder()
                .add("name", route)
                .add("target", Json.createObjectBuilder().add("appId", id)
                        .add("template", "https://" + id + ".example/app/start"))
                .build().toString());
        assertEquals(201, created.statusCode(), created.body());
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        HttpResponse<String> before = get(alice, "/link/" + route);

        disable(id, appJson(id, "https://" + id + ".example"));
        HttpResponse<String> after = get(alice, "/link/" + route);

        assertAll(
                () -> assertEquals(303, before.statusCode(), "works while enabled: " + before.body()),
                () -> assertTrue(before.headers().firstValue("Location").orElse("")
                        .startsWith("https://" + id + ".example/app/start"), before.headers().toString()),
                () -> assertEquals(403, after.statusCode(), "refused at once"),
                () -> assertTrue(after.body().contains("The app this link leads to is not available."), after.body()));
    }

    @Test
    void guestsGet401AndUsersWithoutTheRole403() throws Exception {
        HttpClient guest = HttpClient.newHttpClient();
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        String id = unique("nope");

        HttpResponse<String> guestList = send(guest, "GET", "/api/admin/apps", null);
        HttpResponse<String> guestCsv = send(guest, "GET", "/api/admin/audit.csv", null);
        HttpResponse<String> aliceList = send(alice, "GET", "/api/admin/apps", null);
        HttpResponse<String> aliceCreate = send(alice, "POST", "/api/admin/apps", appJson(id, "urn:nope:" + id));
        HttpResponse<String> aliceDemo = send(alice, "GET", "/api/admin/apps/demo-app", null);
        HttpResponse<String> aliceCsv = send(alice, "GET", "/api/admin/audit.csv", null);

        assertAll(
                () -> assertEquals(401, guestList.statusCode()),
                () -> assertEquals(PROBLEM, type(guestList)),
                () -> assertEquals(401, guestCsv.statusCode()),
                () -> assertEquals(403, aliceList.statusCode()),
                () -> assertEquals(PROBLEM, type(aliceList)),
                () -> assertEquals(403, aliceCreate.statusCode()),
                () -> assertEquals(403, aliceDemo.statusCode()),
                () -> assertFalse(aliceDemo.body().contains("Demo App")),
                () -> assertEquals(403, aliceCsv.statusCode()),
                () -> assertEquals(404, send(ada, "GET", "/api/admin/apps/" + id, null).statusCode(), "alice created nothing"));
    }

    /** Framing and its sandbox flags go in and come out of the JSON; a change of them is kept. */
    @Test
    void framingAndItsSandboxFlagsMakeTheRoundTrip() throws Exception {
        String id = unique("framed");
        JsonObject body = Json.createObjectBuilder(Json.createReader(new StringReader(appJson(id, "urn:framed:" + id)))
                .readObject()).add("mayBeFramed", true)
                .add("sandbox", Json.createArrayBuilder().add("allow-forms").add("allow-scripts")).build();

        JsonObject created = createApp(ada, body.toString());
        JsonObject read = json(send(ada, "GET", "/api/admin/apps/" + id, null));
        String update = Json.createObjectBuilder(body).add("mayBeFramed", false)
                .add("sandbox", Json.createArrayBuilder().add("allow-popups"))
                .add("version", read.getJsonNumber("version").longValue()).build().toString();
        HttpResponse<String> updated = send(ada, "PUT", "/api/admin/apps/" + id, update);
        JsonObject plain = create(unique("plain"));

        assertAll(
                () -> assertTrue(created.getBoolean("mayBeFramed"), created.toString()),
                () -> assertEquals(List.of("allow-scripts", "allow-forms"),
                        read.getJsonArray("sandbox").getValuesAs(JsonString::getString), "in the fixed order"),
                () -> assertEquals(200, updated.statusCode(), updated.body()),
                () -> assertFalse(json(updated).getBoolean("mayBeFramed")),
                () -> assertEquals(List.of("allow-popups"),
                        json(updated).getJsonArray("sandbox").getValuesAs(JsonString::getString)),
                () -> assertFalse(plain.getBoolean("mayBeFramed"), "not framed unless the admin says so"),
                () -> assertEquals(0, plain.getJsonArray("sandbox").size()));
    }

    /**
     * An unknown flag is refused per field; so is a framed app only on Portico's own origin that would give its panes
     * scripts together with their origin (they could lift their own sandbox).
     */
    @Test
    void unknownSandboxFlagsAndScriptsWithPorticosOriginAreRefused() throws Exception {
        String id = unique("sandbox");
        String unknown = Json.createObjectBuilder(Json.createReader(new StringReader(appJson(id, "urn:sandbox:" + id)))
                .readObject()).add("mayBeFramed", true)
                .add("sandbox", Json.createArrayBuilder().add("allow-top-navigation")).build().toString();
        String onPortico = Json.createObjectBuilder(Json.createReader(new StringReader(appJson(id, "urn:sandbox:" + id)))
                .readObject()).add("baseUrls", Json.createArrayBuilder().add(root() + "/" + id + "/"))
                .add("mayBeFramed", true)
                .add("sandbox", Json.createArrayBuilder().add("allow-scripts").add("allow-same-origin")).build().toString();
        String notAList = Json.createObjectBuilder(Json.createReader(new StringReader(unknown)).readObject())
                .add("sandbox", "allow-scripts").add("mayBeFramed", "yes").build().toString();

        HttpResponse<String> unknownFlag = send(ada, "POST", "/api/admin/apps", unknown);
        HttpResponse<String> sameOrigin = send(ada, "POST", "/api/admin/apps", onPortico);
        HttpResponse<String> wrongTypes = send(ada, "POST", "/api/admin/apps", notAList);
        HttpResponse<String> missing = send(ada, "GET", "/api/admin/apps/" + id, null);

        assertAll(
                () -> assertEquals(400, unknownFlag.statusCode(), unknownFlag.body()),
                () -> assertEquals(PROBLEM, type(unknownFlag)),
                () -> assertEquals("sandbox", json(unknownFlag).getJsonArray("errors").getJsonObject(0).getString("field")),
                () -> assertTrue(json(unknownFlag).getJsonArray("errors").getJsonObject(0).getString("message")
                        .contains("'allow-top-navigation'"), unknownFlag.body()),
                () -> assertEquals(400, sameOrigin.statusCode(), sameOrigin.body()),
                () -> assertEquals("sandbox", json(sameOrigin).getJsonArray("errors").getJsonObject(0).getString("field")),
                () -> assertTrue(json(sameOrigin).getJsonArray("errors").getJsonObject(0).getString("message")
                        .contains("Portico's own origin"), sameOrigin.body()),
                () -> assertEquals(400, wrongTypes.statusCode(), wrongTypes.body()),
                () -> assertEquals(List.of("mayBeFramed", "sandbox"), json(wrongTypes).getJsonArray("errors").stream()
                        .map(error -> error.asJsonObject().getString("field")).sorted().toList(), wrongTypes.body()),
                () -> assertEquals(404, missing.statusCode(), "nothing was registered"));
    }
}
