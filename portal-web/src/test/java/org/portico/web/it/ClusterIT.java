package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.basic;
import static org.portico.web.it.ItSupport.json;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Portico as a cluster (profile {@code cluster-it}: {@code mvn -Pcluster-it verify -pl portal-web -am}): two nodes,
 * HAProxy and PostgreSQL on 127.0.0.1, started by the cluster command's own script ({@link LocalCluster}). Each test
 * is a story of issue 14: what one node did, the other knows. The node-killing story runs last: afterwards one node is
 * left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String PASSWORD = "portico-demo";

    private static LocalCluster cluster;
    private static String app;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start();
        // An app of the ITs' own for the routes below: ada registers it through the balancer.
        app = ItSupport.unique("cl");
        HttpClient ada = FormLogin.loggedIn(cluster.balancer(), "ada", PASSWORD);
        HttpResponse<String> created = send(ada, cluster.balancer(), "POST", "/api/admin/apps",
                ApiTestBase.exchangeApp(app, null, "name"));
        assertEquals(201, created.statusCode(), created.body());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * The login page a node rendered (its view state, and the saved request of {@code LoginToContinue} in the session)
     * is submitted to the other node, as happens when the balancer moves a user between the two; the login works and
     * continues to the page that asked for it.
     */
    @Test
    @Order(1)
    void aLoginStartedOnOneNodeFinishesOnTheOther() {
        ChromeDriver browser = Browser.start();
        try {
            browser.get(cluster.balancer() + "/admin/keys.xhtml");
            waitFor(browser, "#login\\:username");
            String first = nodeCookie(browser);
            String other = first.equals("node1") ? "node2" : "node1";
            browser.manage().deleteCookieNamed("PORTICO_NODE");
            browser.manage().addCookie(new Cookie("PORTICO_NODE", other, "/"));

            waitFor(browser, "#login\\:username").sendKeys("ada");
            waitFor(browser, "#login\\:password").sendKeys(PASSWORD);
            waitFor(browser, "#login\\:submit").click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/admin/keys.xhtml"));
            WebElement table = waitFor(browser, "#keys\\:table");

            assertAll(
                    () -> assertEquals(other, nodeCookie(browser), "the balancer kept the browser on the other node"),
                    () -> assertTrue(table.getText().contains("Signing"), table.getText()));
        } finally {
            browser.quit();
        }
    }

    /** Twenty requests at once for one one-time link, half to each node: the database decides, one wins. */
    @Test
    @Order(2)
    void twentyParallelRequestsForOneOneTimeLinkOnBothNodesMakeExactlyOneRedirect() throws Exception {
        String route = ItSupport.unique("once");
        HttpClient ada = FormLogin.loggedIn(cluster.balancer(), "ada", PASSWORD);
        HttpResponse<String> created = send(ada, cluster.balancer(), "POST", "/api/admin/routes",
                route(route, "https://" + app + ".example/offers/{code}", true));
        assertEquals(201, created.statusCode(), created.body());
        String link = mint(ada, route, "ABC");
        String session = sessionCookie(cluster.balancer(), "alice");

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String node = cluster.node(1 + i % 2);
            results.add(pool.submit((Callable<HttpResponse<String>>) () -> {
                start.await();
                return http.send(HttpRequest.newBuilder(URI.create(node + link)).header("Cookie", session).build(),
                        HttpResponse.BodyHandlers.ofString());
            }));
        }
        start.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> result : results) {
            responses.add(result.get());
        }
        pool.shutdown();

        long redirects = responses.stream().filter(r -> r.statusCode() == 303).count();
        long replayed = responses.stream()
                .filter(r -> r.statusCode() == 410 && r.body().contains("data-outcome=\"replayed\"")).count();
        assertAll(
                () -> assertEquals(1, redirects, "exactly one winner: " + statuses(responses)),
                () -> assertEquals(19, replayed, "19 refusals: " + statuses(responses)),
                () -> assertTrue(responses.stream().filter(r -> r.statusCode() == 303).allMatch(r -> r.headers()
                        .firstValue("Location").orElse("").startsWith("https://" + app + ".example/offers/ABC#portico_token="))));
    }

    /**
     * Alice logs out on node 1; an app asking node 2 about her token learns within a second that it is no longer
     * active.
     */
    @Test
    @Order(3)
    void aLogoutOnOneNodeMakesTheTokenInactiveForIntrospectionOnTheOther() throws Exception {
        HttpClient ada = FormLogin.loggedIn(cluster.balancer(), "ada", PASSWORD);
        String caller = ItSupport.unique("intro");
        HttpResponse<String> registered = send(ada, cluster.balancer(), "POST", "/api/admin/apps",
                ApiTestBase.exchangeApp(caller, null, "name"));
        assertEquals(201, registered.statusCode(), registered.body());
        String secret = json(registered).getString("clientSecret");

        HttpClient alice = FormLogin.loggedIn(cluster.node(1), "alice", PASSWORD);
        HttpResponse<String> issued = send(alice, cluster.node(1), "GET",
                "/api/token?audience=" + URLEncoder.encode("urn:portico-it:" + caller, StandardCharsets.UTF_8), null);
        assertEquals(200, issued.statusCode(), issued.body());
        String token = json(issued).getString("access_token");

        JsonObject before = introspect(cluster.node(2), caller, secret, token);
        FormLogin.logout(alice, cluster.node(1));
        // Node 2 had just answered "active" and keeps that answer until it sees the revocation marker move (one
        // poll, 250 ms): ask again until it says no, for a second at most.
        long loggedOutAt = System.nanoTime();
        JsonObject after = introspect(cluster.node(2), caller, secret, token);
        while (after.getBoolean("active") && System.nanoTime() - loggedOutAt < Duration.ofSeconds(3).toNanos()) {
            Thread.sleep(50);
            after = introspect(cluster.node(2), caller, secret, token);
        }
        long seen = Duration.ofNanos(System.nanoTime() - loggedOutAt).toMillis();
        JsonObject last = after;

        assertAll(
                () -> assertTrue(before.getBoolean("active"), "node 2 knows the token: " + before),
                () -> assertFalse(last.getBoolean("active"), "node 2 knows of the logout on node 1: " + last),
                () -> assertTrue(seen <= 1000, "node 2 saw the logout after " + seen + " ms"));
    }

    /** A site admin changes a route's target on node 1; within a second node 2 sends its links to the new target. */
    @Test
    @Order(4)
    void aRouteChangedOnOneNodeResolvesOnTheOtherWithinASecond() throws Exception {
        String route = ItSupport.unique("moved");
        HttpClient ada = FormLogin.loggedIn(cluster.node(1), "ada", PASSWORD);
        HttpResponse<String> created = send(ada, cluster.node(1), "POST", "/api/admin/routes",
                route(route, "https://" + app + ".example/before/{code}", false));
        assertEquals(201, created.statusCode(), created.body());
        String link = mint(ada, route, "ABC");
        String session = sessionCookie(cluster.node(2), "alice");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest hop = HttpRequest.newBuilder(URI.create(cluster.node(2) + link)).header("Cookie", session).build();
        String before = http.send(hop, HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElse("");

        String changedRoute = Json.createObjectBuilder(Json.createReader(new StringReader(
                        route(route, "https://" + app + ".example/after/{code}", false))).readObject())
                .add("version", json(created).get("version"))
                .build().toString();
        HttpResponse<String> changed = send(ada, cluster.node(1), "PUT", "/api/admin/routes/" + route, changedRoute);
        assertEquals(200, changed.statusCode(), changed.body());
        long changedAt = System.nanoTime();
        String after = before;
        long seenAfterMillis = -1;
        while (System.nanoTime() - changedAt < Duration.ofSeconds(3).toNanos()) {
            after = http.send(hop, HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElse("");
            if (after.contains("/after/")) {
                seenAfterMillis = Duration.ofNanos(System.nanoTime() - changedAt).toMillis();
                break;
            }
            Thread.sleep(50);
        }
        long seen = seenAfterMillis;
        String last = after;
        assertAll(
                () -> assertTrue(before.startsWith("https://" + app + ".example/before/ABC"), before),
                () -> assertTrue(last.startsWith("https://" + app + ".example/after/ABC"), "node 2 still sends to " + last),
                () -> assertTrue(seen >= 0 && seen <= 1000, "node 2 saw the change after " + seen + " ms"));
    }

    /**
     * ada rotates the signing key on node 1; tokens node 2 signs from then on carry the new key's id and verify with
     * the key set both nodes publish.
     */
    @Test
    @Order(5)
    void aKeyRotatedOnOneNodeSignsTheTokensOfTheOther() throws Exception {
        HttpClient alice = FormLogin.loggedIn(cluster.node(2), "alice", PASSWORD);
        String audience = URLEncoder.encode("urn:portico-it:" + app, StandardCharsets.UTF_8);
        String oldKid = SignedJWT.parse(token(alice, cluster.node(2), audience)).getHeader().getKeyID();

        ChromeDriver browser = Browser.start();
        try {
            browser.get(cluster.node(1) + "/login.xhtml");
            waitFor(browser, "#login\\:username").sendKeys("ada");
            waitFor(browser, "#login\\:password").sendKeys(PASSWORD);
            waitFor(browser, "#login\\:submit").click();
            waitFor(browser, "#greeting");
            browser.get(cluster.node(1) + "/admin/keys.xhtml");
            waitFor(browser, "#keys\\:rotate").click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#keys\\:messages"), "New signing key"));
        } finally {
            browser.quit();
        }
        String newKid = SignedJWT.parse(token(alice, cluster.node(1), audience)).getHeader().getKeyID();
        long rotatedAt = System.nanoTime();
        SignedJWT fromNode2 = null;
        while (System.nanoTime() - rotatedAt < Duration.ofSeconds(3).toNanos()) {
            fromNode2 = SignedJWT.parse(token(alice, cluster.node(2), audience));
            if (newKid.equals(fromNode2.getHeader().getKeyID())) {
                break;
            }
            Thread.sleep(100);
        }
        long millis = Duration.ofNanos(System.nanoTime() - rotatedAt).toMillis();
        SignedJWT signed = fromNode2;
        assertNotNull(signed);
        assertAll(
                () -> assertNotEquals(oldKid, newKid, "node 1 signs with a new key"),
                () -> assertEquals(newKid, signed.getHeader().getKeyID(), "node 2 signs with the new key"),
                () -> assertTrue(millis <= 1000, "node 2 signed with the new key after " + millis + " ms"),
                () -> assertTrue(verifies(signed, cluster.node(2)), "node 2's JWKS verifies it"),
                () -> assertTrue(verifies(signed, cluster.node(1)), "node 1's JWKS verifies it"));
    }

    /**
     * Alice works through the balancer in Chromium; her node is killed ({@code kill -9}); her next click, an Ajax
     * postback of the page the dead node rendered, works on the other node without a new login: her session (login,
     * Faces view state) was replicated.
     */
    @Test
    @Order(6)
    void aliceKeepsWorkingWhenHerNodeIsKilled() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            browser.get(cluster.balancer() + "/login.xhtml");
            waitFor(browser, "#login\\:username").sendKeys("alice");
            waitFor(browser, "#login\\:password").sendKeys(PASSWORD);
            waitFor(browser, "#login\\:submit").click();
            String greeting = waitFor(browser, "#greeting").getText();
            int hers = cluster.number(nodeCookie(browser));
            int other = 3 - hers;

            cluster.kill(hers);
            // The first request after the kill may be the one that finds the node dead: HAProxy retries it on the other.
            waitFor(browser, "#customiseButton").click();
            // The dialog's content comes from an Ajax postback of the view the dead node rendered.
            boolean dialogLoaded = new WebDriverWait(browser, Duration.ofSeconds(30)).until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#customise\\:done"))).isDisplayed();
            waitFor(browser, "#customise\\:reset").click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("customise=true"));
            String after = waitFor(browser, "#greeting").getText();

            assertAll(
                    () -> assertTrue(dialogLoaded, "the customise dialog loaded"),
                    () -> assertFalse(browser.getCurrentUrl().contains("login"), browser.getCurrentUrl()),
                    () -> assertEquals(greeting, after, "still alice, without a new login"),
                    () -> assertEquals("node" + other, nodeCookie(browser), "served by the surviving node"),
                    () -> assertFalse(cluster.ready(hers), "the killed node is gone"));
        } finally {
            browser.quit();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static String route(String name, String template, boolean oneTime) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("description", "A cluster IT route")
                .add("parameters", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "code").add("type", "pattern").add("pattern", "[A-Z]{3}")))
                .add("target", Json.createObjectBuilder().add("appId", app).add("template", template))
                .add("roles", Json.createArrayBuilder().add("end-user"))
                .add("oneTime", oneTime)
                .build().toString();
    }

    /** A link for alice minted by a site admin through the API: its path (with a ticket when one-time). */
    private static String mint(HttpClient admin, String route, String code) throws Exception {
        HttpResponse<String> minted = send(admin, cluster.balancer(), "POST", "/api/links",
                "{\"route\":\"" + route + "\",\"params\":{\"code\":\"" + code + "\"},\"username\":\"alice\"}");
        assertEquals(201, minted.statusCode(), minted.body());
        return json(minted).getString("path");
    }

    private static HttpResponse<String> send(HttpClient client, String root, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs the user in at this root and returns the session cookie as a {@code Cookie} header value. */
    private static String sessionCookie(String root, String username) throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        assertEquals(302, FormLogin.submit(client, root, username, PASSWORD, "").statusCode());
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("PORTICO_SESSION"))
                .map(c -> c.getName() + "=" + c.getValue())
                .findFirst().orElseThrow();
    }

    private static String token(HttpClient user, String root, String audience) throws Exception {
        HttpResponse<String> response = send(user, root, "GET", "/api/token?audience=" + audience, null);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).getString("access_token");
    }

    private static JsonObject introspect(String root, String client, String secret, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root + "/oauth2/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic(client, secret))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /** Whether the token's signature verifies with the key of its {@code kid} in this node's published key set. */
    private static boolean verifies(SignedJWT token, String root) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JWK key = JWKSet.parse(body).getKeyByKeyId(token.getHeader().getKeyID());
        if (key == null) {
            return false;
        }
        JWSVerifier verifier = switch (key.getKeyType().getValue()) {
            case "EC" -> new ECDSAVerifier((ECPublicKey) key.toECKey().toPublicKey());
            case "RSA" -> new RSASSAVerifier((RSAPublicKey) key.toRSAKey().toPublicKey());
            default -> throw new IllegalStateException("Unexpected key type in the JWKS: " + key.getKeyType());
        };
        return token.verify(verifier);
    }

    private static String nodeCookie(WebDriver browser) {
        Cookie cookie = browser.manage().getCookieNamed("PORTICO_NODE");
        assertNotNull(cookie, "HAProxy set its stickiness cookie");
        return cookie.getValue();
    }

    private static WebElement waitFor(WebDriver browser, String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    private static String statuses(List<HttpResponse<String>> responses) {
        return responses.stream().map(r -> Integer.toString(r.statusCode())).toList().toString();
    }
}
