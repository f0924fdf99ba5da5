package org.portico.web.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.web.app.DemoApps;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

/**
 * {@code POST /api/panes/{widgetId}/token} on the wire: alice gets a token for the app of a pane she sees, for that
 * app's audience only; a pane she may not see, an unknown or malformed id, a pane whose app is no longer frameable
 * are the same 404; a guest gets 401, another site's page 403, and a GET 405.
 */
class PaneTokenIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico().addClass(PagesServlet.class);
    }

    private HttpClient alice;
    private String pane;
    private String adminPane;

    /** A page for end users with a pane of the demo app for everyone on it and one for site admins only. */
    @BeforeEach
    void aPageWithPanes() throws Exception {
        alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        pane = unique("pane");
        adminPane = unique("admin-pane");
        createPage(unique("panes"), paneWidget(pane, DemoApps.ID, demoPaneUrl(), "[]"),
                paneWidget(adminPane, DemoApps.ID, demoPaneUrl(), "[\"site-admin\"]"));
    }

    /** The demo app's pane page under the other loopback name, where the demo data frames it. */
    private String demoPaneUrl() {
        return root().replace("127.0.0.1", "localhost") + "/demo-app/pane";
    }

    static String paneWidget(String id, String app, String url, String roles) {
        return "{\"id\":\"" + id + "\",\"kind\":\"app-pane\",\"title\":\"Pane " + id + "\",\"width\":6,\"roles\":" + roles
                + ",\"settings\":{\"app\":\"" + app + "\",\"url\":\"" + url + "\",\"height\":300}}";
    }

    private void createPage(String slug, String... widgets) throws Exception {
        String page = "{\"slug\":\"" + slug + "\",\"title\":\"Panes " + slug + "\",\"roles\":[\"end-user\",\"site-admin\"],"
                + "\"widgets\":[" + String.join(",", widgets) + "]}";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root() + "/it/pages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(page)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
    }

    /** A POST for a pane's token as pane.js sends it: from Portico's own page, without a body. */
    private HttpResponse<String> token(HttpClient client, String widgetId, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + "/api/panes/" + widgetId + "/token"))
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject claims(String jws) {
        String payload = jws.split("\\.")[1];
        return Json.createReader(new java.io.StringReader(new String(Base64.getUrlDecoder().decode(payload),
                StandardCharsets.UTF_8))).readObject();
    }

    @Test
    void aliceGetsATokenForThePanesAppOnly() throws Exception {
        HttpResponse<String> response = token(alice, pane, root());

        JsonObject answer = json(response);
        JsonObject claims = claims(answer.getString("access_token"));
        String audience = root() + DemoApps.PATH;
        assertAll(
                () -> assertEquals(200, response.statusCode(), response.body()),
                () -> assertTrue(type(response).startsWith("application/json"), type(response)),
                () -> assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse("")),
                () -> assertEquals("Bearer", answer.getString("token_type")),
                () -> assertEquals(audience, answer.getString("audience")),
                () -> assertEquals(300, answer.getInt("expires_in")),
                () -> assertEquals(audience, claims.getString("aud")),
                () -> assertEquals("alice", claims.getString("sub")),
                () -> assertEquals(root(), claims.getString("iss")),
                () -> assertEquals(4, answer.size(), "access_token, token_type, expires_in, audience: " + answer.keySet()));
    }

    @Test
    void panesAliceMayNotSeeAndUnknownIdsAreTheSame404() throws Exception {
        HttpResponse<String> forAdmins = token(alice, adminPane, root());
        HttpResponse<String> unknown = token(alice, "no-such-pane", root());
        HttpResponse<String> malformed = token(alice, "x".repeat(33), root());
        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");

        assertAll(
                () -> assertEquals(404, forAdmins.statusCode(), forAdmins.body()),
                () -> assertEquals(PROBLEM, type(forAdmins)),
                () -> assertEquals(forAdmins.body(), unknown.body(), "nothing tells the two apart"),
                () -> assertEquals(404, unknown.statusCode()),
                () -> assertEquals(404, malformed.statusCode()),
                () -> assertFalse(forAdmins.body().contains("access_token")),
                () -> assertEquals(200, token(ada, adminPane, root()).statusCode(), "ada, a site admin, sees it"));
    }

    /** Once the app may no longer be framed, its panes get no token, though the page still lists them. */
    @Test
    void aPaneWhoseAppIsNoLongerFrameableGetsNoToken() throws Exception {
        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        String app = unique("framed");
        JsonObject registered = createApp(ada, Json.createObjectBuilder()
                .add("id", app).add("name", "Framed " + app).add("audience", "urn:framed:" + app)
                .add("baseUrls", Json.createArrayBuilder().add("https://" + app + ".example/"))
                .add("clientAuthentication", "client_secret").add("mayBeFramed", true)
                .add("sandbox", Json.createArrayBuilder().add("allow-scripts")).build().toString());
        String widget = unique("framed-pane");
        createPage(unique("framed"), paneWidget(widget, app, "https://" + app + ".example/pane", "[]"));

        HttpResponse<String> before = token(alice, widget, root());
        HttpResponse<String> changed = send(ada, "PUT", "/api/admin/apps/" + app, Json.createObjectBuilder(registered)
                .remove("clientSecret").add("mayBeFramed", false).build().toString());
        HttpResponse<String> after = token(alice, widget, root());

        assertAll(
                () -> assertEquals(200, before.statusCode(), before.body()),
                () -> assertEquals("urn:framed:" + app, claims(json(before).getString("access_token")).getString("aud")),
                () -> assertEquals(200, changed.statusCode(), changed.body()),
                () -> assertEquals(404, after.statusCode(), after.body()));
    }

    @Test
    void guestsAnotherSitesPageAndGetsAreRefused() throws Exception {
        HttpResponse<String> guest = token(FormLogin.newClient(), pane, root());
        HttpResponse<String> crossOrigin = token(alice, pane, "https://evil.example");
        HttpResponse<String> otherPort = token(alice, pane, root().replace("127.0.0.1", "localhost"));
        HttpResponse<String> get = send(alice, "GET", "/api/panes/" + pane + "/token", null);

        assertAll(
                () -> assertEquals(401, guest.statusCode(), guest.body()),
                () -> assertEquals(PROBLEM, type(guest)),
                () -> assertEquals(403, crossOrigin.statusCode(), crossOrigin.body()),
                () -> assertEquals(PROBLEM, type(crossOrigin)),
                () -> assertEquals(403, otherPort.statusCode(), "the pane's own origin is another site: " + otherPort.body()),
                () -> assertEquals(405, get.statusCode(), get.body()),
                () -> assertFalse(get.body().contains("access_token")));
    }
}
