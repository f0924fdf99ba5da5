package org.portico.web.it;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.portico.web.app.DemoApps;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo app deployed beside Portico, seen in Chromium: the page a newcomer lands on after following a Portico link.
 * Deep links into it arrive with a link token that the demo app verifies with its own code against Portico's live
 * JWKS (a guest who logs in on the way included); a Portico access token ({@code at+jwt}) for the demo app is refused
 * as the wrong type, and so are malformed tokens.
 */
class DemoAppIT extends BrowserTestBase {

    @Deployment(name = Deployments.DEMO_APP, testable = false)
    static WebArchive demoApp() {
        return Deployments.demoApp();
    }

    @ArquillianResource
    @OperateOnDeployment(Deployments.DEMO_APP)
    URL demoApp;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** The verification panel as the user sees it. */
    record DemoPanel(String state, String reason, String title, String message, Map<String, List<String>> rows) {
    }

    private String demoUrl(String path) {
        return demoApp.toString().replaceAll("/$", "") + path;
    }

    /** Opens a URL of the demo app and waits until its script has checked the token, if the link had one. */
    private DemoPanel openDemo(String path) {
        browser().get(demoUrl(path));
        return panel();
    }

    private DemoPanel panel() {
        WebElement section = waitUntil(driver -> {
            WebElement panel = driver.findElement(By.id("verification"));
            return "checking".equals(panel.getAttribute("data-state")) ? null : panel;
        });
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (WebElement row : section.findElements(By.cssSelector(".panel__row"))) {
            WebElement value = row.findElement(By.tagName("dd"));
            List<WebElement> items = value.findElements(By.tagName("li"));
            rows.put(row.getAttribute("data-field"), items.isEmpty() ? List.of(value.getText())
                    : items.stream().map(WebElement::getText).toList());
        }
        return new DemoPanel(section.getAttribute("data-state"), section.getAttribute("data-reason"),
                section.findElement(By.cssSelector(".panel__title")).getText(),
                section.findElement(By.cssSelector(".panel__message")).getText(), rows);
    }

    /** A real token signed by Portico for the demo app: alice's access token ({@code at+jwt}) from /api/token. */
    private String accessTokenForTheDemoApp() throws Exception {
        HttpClient alice = FormLogin.loggedIn(url(""), "alice", DEMO_PASSWORD);
        HttpResponse<String> response = alice.send(HttpRequest.newBuilder(URI.create(url("/api/token?audience="
                + URLEncoder.encode(url(DemoApps.PATH), StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject().getString("access_token");
    }

    private List<String> porticoKeyIds() throws Exception {
        String jwks = http.send(HttpRequest.newBuilder(URI.create(url("/.well-known/jwks.json"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Json.createReader(new StringReader(jwks)).readObject().getJsonArray("keys").getValuesAs(JsonObject.class)
                .stream().map(key -> key.getString("kid")).toList();
    }

    /**
     * Follows a Portico link in the browser (logged in or not, as the test arranged) and checks that it ends on the
     * demo app with a token the demo app verified: signed by Portico, for this user, route and parameters, e.g.
     * {@code followVerifiedLink(url("/link/invoice/42"), "alice", "invoice", Map.of("id", "42"))}.
     */
    DemoPanel followVerifiedLink(String link, String user, String route, Map<String, String> params) throws Exception {
        browser().get(link);
        return arrivedVerified(user, route, params);
    }

    /** Waits until the browser is on the demo app, then checks that the demo app verified the token it brought. */
    DemoPanel arrivedVerified(String user, String route, Map<String, String> params) throws Exception {
        // A login on the way hashes the password (slow on purpose): give a busy machine time.
        new WebDriverWait(browser(), Duration.ofSeconds(30)).until(driver -> driver.getCurrentUrl().startsWith(demoUrl("/")));
        DemoPanel panel = panel();
        List<String> expectedParams = params.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList();
        assertAll(
                () -> assertEquals("verified", panel.state(), panel.toString()),
                () -> assertEquals(List.of(user), panel.rows().get("sub")),
                () -> assertEquals(List.of(route), panel.rows().get("route")),
                () -> assertEquals(params.isEmpty() ? List.of("none") : expectedParams, panel.rows().get("params")),
                () -> assertTrue(porticoKeyIds().contains(panel.rows().get("kid").get(0).replaceAll(" \\(.*\\)$", "")),
                        "signed with a key from Portico's JWKS: " + panel.rows().get("kid")),
                () -> assertFalse(browser().getCurrentUrl().contains("portico_token"), "token out of the address bar"));
        return panel;
    }

    @Test
    void aGuestOpensADeepLinkLogsInAndTheDemoAppVerifiesTheTokenAgainstTheLiveJwks() throws Exception {
        open("/link/invoice/42");
        find("#login\\:username");
        assertTrue(path().startsWith("/login.xhtml"), "a guest is asked to log in first: " + path());

        submitLoginForm("alice", DEMO_PASSWORD);

        arrivedVerified("alice", "invoice", Map.of("id", "42"));
        assertEquals("Demo App — you arrived at /demo-app/invoices/42", find("#arrival").getText());
    }

    @Test
    void aLoggedInUserFollowsALinkWithAUuidAndArrivesWithItNormalised() throws Exception {
        loginAs("alice", DEMO_PASSWORD);
        String customer = "123E4567-E89B-12D3-A456-426614174000";

        followVerifiedLink(url("/link/customer/" + customer), "alice", "customer",
                Map.of("customerId", customer.toLowerCase(java.util.Locale.ROOT)));
        assertEquals("Demo App — you arrived at /demo-app/customers/" + customer.toLowerCase(java.util.Locale.ROOT),
                find("#arrival").getText());
    }

    @Test
    void withoutATokenThePageSaysSoPlainly() {
        DemoPanel panel = openDemo("/invoices/42?tab=notes");

        assertAll(
                () -> assertEquals("Demo App", browser().getTitle()),
                () -> assertEquals("Demo App — you arrived at /demo-app/invoices/42?tab=notes", find("#arrival").getText()),
                () -> assertEquals("none", panel.state()),
                () -> assertEquals("No Portico token", panel.title()),
                () -> assertTrue(panel.message().startsWith("Open this app through a Portico link:"), panel.message()),
                () -> assertTrue(panel.rows().isEmpty()));
    }

    @Test
    void aPorticoAccessTokenInTheFragmentIsRefusedAsTheWrongType() throws Exception {
        String token = accessTokenForTheDemoApp();
        String customer = UUID.randomUUID().toString();

        DemoPanel panel = openDemo("/customers/" + customer + "#from=it&portico_token=" + token);

        assertAll(
                () -> assertEquals("Demo App — you arrived at /demo-app/customers/" + customer, find("#arrival").getText()),
                () -> assertEquals("refused", panel.state()),
                () -> assertEquals("wrong_type", panel.reason()),
                () -> assertEquals("Refused: wrong typ", panel.title()),
                () -> assertTrue(panel.message().contains("'at+jwt' (an access token), not 'link+jwt'"), panel.message()),
                () -> assertEquals(List.of("at+jwt"), panel.rows().get("typ")),
                () -> assertTrue(porticoKeyIds().contains(panel.rows().get("kid").get(0)), "a real Portico key: " + panel.rows()),
                () -> assertEquals(demoUrl("/customers/" + customer + "#from=it"), browser().getCurrentUrl(),
                        "the token left the address bar, the other fragment pairs stayed"));
    }

    @Test
    void aTokenInTheQueryIsVerifiedByTheServer() throws Exception {
        String token = accessTokenForTheDemoApp();

        // Without any script: the server's own page already holds the answer.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(demoUrl("/invoices/42?portico_token="
                + token + "&tab=notes"))).build(), HttpResponse.BodyHandlers.ofString());
        DemoPanel panel = openDemo("/invoices/42?portico_token=" + token + "&tab=notes");

        assertAll(
                () -> assertEquals(200, page.statusCode()),
                () -> assertTrue(page.body().contains("data-state=\"refused\" data-reason=\"wrong_type\""), page.body()),
                () -> assertFalse(page.body().contains(token), "the token is not echoed"),
                () -> assertEquals("default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'",
                        page.headers().firstValue("Content-Security-Policy").orElse("")),
                () -> assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse("")),
                () -> assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse("")),
                () -> assertEquals("refused", panel.state()),
                () -> assertEquals("Demo App — you arrived at /demo-app/invoices/42?tab=notes", find("#arrival").getText()),
                () -> assertEquals(demoUrl("/invoices/42?tab=notes"), browser().getCurrentUrl()));
    }

    @Test
    void aMalformedTokenIsRefusedWithTheReason() {
        DemoPanel panel = openDemo("/#portico_token=not-a-jwt");

        assertAll(
                () -> assertEquals("refused", panel.state()),
                () -> assertEquals("malformed", panel.reason()),
                () -> assertTrue(panel.message().startsWith("The token is not a JWT"), panel.message()),
                () -> assertEquals(demoUrl("/"), browser().getCurrentUrl()));
    }

    @Test
    void theVerifyApiAnswersBadRequestsWithProblems() throws Exception {
        HttpResponse<String> notJson = http.send(HttpRequest.newBuilder(URI.create(demoUrl("/api/verify")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("token=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(demoUrl("/api/verify"))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(demoUrl("/api/verify")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertEquals(400, notJson.statusCode()),
                () -> assertEquals("application/problem+json;charset=UTF-8", notJson.headers().firstValue("Content-Type").orElse("")),
                () -> assertTrue(notJson.body().contains("must be a JSON object"), notJson.body()),
                () -> assertEquals(405, get.statusCode()),
                () -> assertEquals("POST", get.headers().firstValue("Allow").orElse("")),
                () -> assertEquals(200, missing.statusCode()),
                () -> assertTrue(missing.body().contains("\"verified\":false"), missing.body()),
                () -> assertTrue(missing.body().contains("\"state\":\"none\""), missing.body()));
    }
}
