package org.portico.web.it;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.portico.web.app.DemoApps;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;

/**
 * The demo app's API and pane page beside the real Portico, over HTTP: an access token alice gets from Portico's
 * {@code /api/token} for the demo app opens {@code /demo-app/api/invoices} and {@code /demo-app/api/me} (verified by the
 * demo app's own code against Portico's live JWKS); no token, a token for another app and garbage get 401 problems
 * with the RFC 6750 challenge; the pane page may be framed by Portico's origin only, also when it is reached under the
 * other loopback name, as the demo data frames it.
 */
class DemoAppApiIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    @Deployment(name = Deployments.DEMO_APP, testable = false)
    static WebArchive demoApp() {
        return Deployments.demoApp();
    }

    @ArquillianResource
    @OperateOnDeployment(Deployments.DEMO_APP)
    URL demoApp;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String demoUrl(String path) {
        return demoApp.toString().replaceAll("/$", "") + path;
    }

    /** The same URL under the other loopback name: 127.0.0.1 ↔ localhost. */
    private static String otherLoopbackName(String url) {
        return url.contains("//127.0.0.1") ? url.replace("//127.0.0.1", "//localhost") : url.replace("//localhost", "//127.0.0.1");
    }

    /** Portico's origin: that of its issuer, which the ITs' server sets to the URL the tests reach it at. */
    private String porticoOrigin() {
        URI root = URI.create(root());
        return root.getScheme() + "://" + root.getHost() + ":" + root.getPort();
    }

    /** alice's access token from Portico for the app of this audience. */
    private String accessToken(String audience) throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        HttpResponse<String> response = send(alice, "GET", "/api/token?audience="
                + URLEncoder.encode(audience, StandardCharsets.UTF_8), null);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).getString("access_token");
    }

    private HttpResponse<String> call(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    @Test
    void alicesAccessTokenOpensTheInvoicesAndSaysWhoSheIs() throws Exception {
        String token = accessToken(root() + DemoApps.PATH);

        HttpResponse<String> invoices = call(demoUrl("/api/invoices"), "Bearer " + token);
        HttpResponse<String> me = call(demoUrl("/api/me"), "Bearer " + token);
        // The demo data frames the pane under the other loopback name; its API answers there as well.
        HttpResponse<String> meElsewhere = call(otherLoopbackName(demoUrl("/api/me")), "Bearer " + token);

        JsonObject list = json(invoices);
        List<JsonObject> items = list.getJsonArray("items").getValuesAs(JsonObject.class);
        JsonObject alice = json(me);
        assertAll(
                () -> assertEquals(200, invoices.statusCode(), invoices.body()),
                () -> assertEquals("application/json;charset=UTF-8", type(invoices)),
                () -> assertEquals("no-store", header(invoices, "Cache-Control")),
                () -> assertEquals("alice", list.getString("user")),
                () -> assertTrue(items.size() >= 8 && items.size() <= 12, "8 to 12 demo invoices: " + items.size()),
                () -> assertEquals(Json.createReader(new StringReader("{\"id\":\"42\",\"customer\":\"Acme GmbH\","
                        + "\"amount\":\"1,250.00 EUR\",\"issued\":\"2026-11-30T10:15:00Z\",\"status\":\"open\"}")).readObject(),
                        items.get(0)),
                () -> assertEquals(200, me.statusCode(), me.body()),
                () -> assertEquals("alice", alice.getString("sub")),
                () -> assertEquals("Alice End-User", alice.getString("name")),
                () -> assertEquals("alice@portico.example", alice.getString("email")),
                () -> assertTrue(alice.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                        .anyMatch(role -> role.getString().equals("end-user")), alice.toString()),
                () -> assertEquals(200, meElsewhere.statusCode(), meElsewhere.body()),
                () -> assertFalse(invoices.body().contains(token), "the token is not echoed"));
    }

    @Test
    void eachInvoiceIsADeepLinkThatPorticosInvoiceRouteTakes() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        String token = accessToken(root() + DemoApps.PATH);
        List<JsonObject> items = json(call(demoUrl("/api/invoices"), "Bearer " + token)).getJsonArray("items")
                .getValuesAs(JsonObject.class);

        for (JsonObject item : List.of(items.get(0), items.get(items.size() - 1))) {
            String id = item.getString("id");
            HttpResponse<String> followed = get(alice, "/link/invoice/" + id);
            assertEquals(303, followed.statusCode(), "invoice " + id + ": " + followed.body());
            assertTrue(header(followed, "Location").startsWith(demoUrl("/invoices/" + id + "#portico_token=")),
                    header(followed, "Location"));
        }
    }

    @Test
    void withoutAGoodTokenTheApiAnswers401ProblemsWithTheBearerChallenge() throws Exception {
        ExchangeApps other = registerExchangeApps("demo-api", "name");
        String forAnotherApp = accessToken(other.targetAudience());
        String good = accessToken(root() + DemoApps.PATH);
        String tampered = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);

        HttpResponse<String> none = call(demoUrl("/api/invoices"), null);
        HttpResponse<String> wrongAudience = call(demoUrl("/api/invoices"), "Bearer " + forAnotherApp);
        HttpResponse<String> garbage = call(demoUrl("/api/me"), "Bearer expired.looking.garbage");
        HttpResponse<String> forged = call(demoUrl("/api/invoices"), "Bearer " + tampered);
        HttpResponse<String> basic = call(demoUrl("/api/me"), ItSupport.basic("alice", "portico-demo"));

        assertAll(
                () -> assertEquals(401, none.statusCode()),
                () -> assertEquals("application/problem+json;charset=UTF-8", type(none)),
                () -> assertEquals(401, json(none).getInt("status")),
                () -> assertEquals("Bearer realm=\"demo-app\"", header(none, "WWW-Authenticate")),
                () -> assertEquals(401, wrongAudience.statusCode()),
                () -> assertEquals("Bearer realm=\"demo-app\", error=\"invalid_token\", error_description=\"wrong audience\"",
                        header(wrongAudience, "WWW-Authenticate")),
                () -> assertEquals("wrong_audience", json(wrongAudience).getString("reason")),
                () -> assertEquals(401, garbage.statusCode()),
                () -> assertEquals("application/problem+json;charset=UTF-8", type(garbage)),
                () -> assertTrue(header(garbage, "WWW-Authenticate").contains("error=\"invalid_token\""), garbage.headers().toString()),
                () -> assertEquals("malformed", json(garbage).getString("reason")),
                () -> assertFalse(garbage.body().contains("Exception") || garbage.body().contains("\tat "), garbage.body()),
                () -> assertEquals(401, forged.statusCode()),
                () -> assertEquals("bad_signature", json(forged).getString("reason")),
                () -> assertEquals(401, basic.statusCode()),
                () -> assertEquals("Bearer realm=\"demo-app\"", header(basic, "WWW-Authenticate")));
    }

    @Test
    void thePaneMayBeFramedByPorticosOriginOnlyUnderEitherLoopbackName() throws Exception {
        HttpResponse<String> pane = getAbsolute(http, demoUrl("/pane"));
        HttpResponse<String> paneElsewhere = getAbsolute(http, otherLoopbackName(demoUrl("/pane")));
        HttpResponse<String> page = getAbsolute(http, demoUrl("/invoices/42"));
        String policy = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors "
                + porticoOrigin();

        assertAll(
                () -> assertEquals(200, pane.statusCode()),
                () -> assertEquals("text/html;charset=UTF-8", type(pane)),
                () -> assertEquals(policy, header(pane, "Content-Security-Policy")),
                () -> assertEquals(List.of(policy), pane.headers().allValues("Content-Security-Policy"), "one policy only"),
                () -> assertTrue(pane.headers().allValues("X-Frame-Options").isEmpty(), "nothing that contradicts it"),
                () -> assertTrue(pane.body().contains("data-portico-origin=\"" + porticoOrigin() + "\""), pane.body()),
                () -> assertEquals(200, paneElsewhere.statusCode()),
                () -> assertEquals(policy, header(paneElsewhere, "Content-Security-Policy"),
                        "Portico's origin, not the host the pane was asked for"),
                () -> assertTrue(header(page, "Content-Security-Policy").endsWith("frame-ancestors 'self'"),
                        "the rest of the demo app is not framed"));
    }

    @Test
    void theSnippetForAppDevelopersIsServedAsItIsInTheRepository() throws Exception {
        HttpResponse<String> snippet = getAbsolute(http, demoUrl("/assets/portico-pane.js"));

        assertAll(
                () -> assertEquals(200, snippet.statusCode()),
                () -> assertEquals("text/javascript;charset=UTF-8", type(snippet)),
                () -> assertEquals(Files.readString(Path.of("../demo-app/portico-pane.js")), snippet.body()));
    }

    /** A GET of an absolute URL. */
    private static HttpResponse<String> getAbsolute(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
