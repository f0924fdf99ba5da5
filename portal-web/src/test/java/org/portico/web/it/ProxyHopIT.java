package org.portico.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;

/**
 * The hop and the proxy over HTTP, as a browser would speak to them (the proxy origin {@code demo-app.localhost} is
 * reached at 127.0.0.1 with its {@code Host} header): a ticket works once and only from Portico's origin; what
 * reaches the app (the demo app's {@code /proxied/headers}) is the user's verified token and none of the browser's
 * credentials for Portico; unsafe requests from other sites and paths outside the upstream are refused.
 */
class ProxyHopIT extends ApiTestBase {

    private static final Pattern TICKET = Pattern.compile("name=\"ticket\" value=\"([A-Za-z0-9_-]+)\"");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    /**
     * The proxy origin's requests go out without a cookie jar (this test says which cookies they carry), over
     * HTTP/1.1: the JDK's h2c upgrade would name the host by the URI, not by the Host header.
     */
    private final HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Deployment(testable = false)
    static WebArchive portico() {
        return Deployments.portico();
    }

    @Deployment(name = Deployments.DEMO_APP, testable = false)
    static WebArchive demoApp() {
        return Deployments.demoApp();
    }

    private String proxyHost() {
        return "demo-app.localhost:" + base.getPort();
    }

    /** A request for the proxy origin: to 127.0.0.1, named by its Host header. */
    private HttpRequest.Builder proxy(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.getPort() + path)).header("Host", proxyHost());
    }

    private record HopPage(String action, String ticket, HttpResponse<String> response) {
    }

    private HopPage hopPage(HttpClient user, String target) throws IOException, InterruptedException {
        HttpResponse<String> page = get(user, "/apps/demo-app/" + target);
        assertEquals(200, page.statusCode(), page.body());
        Matcher ticket = TICKET.matcher(page.body());
        Matcher action = ACTION.matcher(page.body());
        assertTrue(ticket.find() && action.find(), page.body());
        return new HopPage(action.group(1), ticket.group(1), page);
    }

    private HttpResponse<String> postHop(String ticket, String origin) throws IOException, InterruptedException {
        HttpRequest.Builder request = proxy("/apps/demo-app/_portico/hop")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("ticket=" + ticket));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** alice's proxy cookie ({@code portico-proxy=…}) after a hop to {@code target}. */
    private String hopAsAlice(String target) throws IOException, InterruptedException {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        HttpResponse<String> hop = postHop(hopPage(alice, target).ticket(), root());
        assertEquals(303, hop.statusCode(), hop.body());
        return hop.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @Test
    void theHopPagePostsItsTicketInTheBodyToTheProxyOrigin() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");

        HopPage page = hopPage(alice, "second?x=1");
        String policy = page.response().headers().firstValue("Content-Security-Policy").orElse("");

        assertAll(
                () -> assertEquals("http://" + proxyHost() + "/apps/demo-app/_portico/hop", page.action()),
                () -> assertTrue(page.response().body().contains("method=\"post\"")),
                () -> assertTrue(policy.contains("form-action http://" + proxyHost()), policy),
                () -> assertTrue(policy.matches(".*script-src 'nonce-[A-Za-z0-9_-]+'.*"), policy),
                () -> assertEquals("no-store", page.response().headers().firstValue("Cache-Control").orElse("")));
    }

    @Test
    void aTicketWorksOnceAndOpensASessionOnTheAppsPath() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        String ticket = hopPage(alice, "second?x=1").ticket();

        HttpResponse<String> first = postHop(ticket, root());
        HttpResponse<String> again = postHop(ticket, root());
        String cookie = first.headers().firstValue("Set-Cookie").orElse("");
        HttpResponse<String> landed = plain.send(proxy(first.headers().firstValue("Location").orElseThrow())
                .header("Cookie", cookie.split(";")[0]).build(), HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertEquals(303, first.statusCode()),
                () -> assertTrue(cookie.startsWith("portico-proxy="), cookie),
                () -> assertTrue(cookie.contains("Path=/apps/demo-app/") && cookie.contains("HttpOnly"), cookie),
                () -> assertEquals(303, landed.statusCode()),
                () -> assertEquals("/apps/demo-app/second?x=1", landed.headers().firstValue("Location").orElse("")),
                () -> assertEquals(403, again.statusCode(), "a ticket works once"),
                () -> assertTrue(again.body().contains("did not work"), again.body()),
                () -> assertFalse(again.headers().firstValue("Set-Cookie").isPresent()));
    }

    @Test
    void aTicketPostedFromAnotherOriginIsRefusedAndStaysUnused() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        String ticket = hopPage(alice, "").ticket();

        HttpResponse<String> foreign = postHop(ticket, "https://evil.example");
        HttpResponse<String> none = postHop(ticket, null);
        HttpResponse<String> fromPortico = postHop(ticket, root());

        assertAll(
                () -> assertEquals(403, foreign.statusCode()),
                () -> assertEquals(403, none.statusCode()),
                () -> assertEquals(303, fromPortico.statusCode(), "the refused posts did not use the ticket up"));
    }

    @Test
    void aGuessedTicketAndAGetOfTheHopAreRefused() throws Exception {
        HttpResponse<String> guessed = postHop("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", root());
        HttpResponse<String> get = plain.send(proxy("/apps/demo-app/_portico/hop").build(),
                HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertEquals(403, guessed.statusCode()),
                () -> assertEquals(405, get.statusCode()),
                () -> assertEquals("POST", get.headers().firstValue("Allow").orElse("")));
    }

    @Test
    void theAppGetsTheUsersVerifiedTokenAndNoneOfPorticosCredentials() throws Exception {
        String session = hopAsAlice("");

        HttpResponse<String> response = plain.send(proxy("/apps/demo-app/headers?q=1")
                .header("Cookie", "PORTICO_SESSION=stolen; " + session + "; app-cookie=1; PORTICO_LANG=de")
                .header("Authorization", "Basic YWxpY2U6cG9ydGljby1kZW1v")
                .header("X-Forwarded-Host", "forged.example")
                .header("Forwarded", "for=6.6.6.6")
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonObject json = Json.createReader(new java.io.StringReader(response.body())).readObject();
        JsonObject headers = json.getJsonObject("headers");

        assertAll(
                () -> assertEquals(200, response.statusCode(), response.body()),
                () -> assertEquals("alice", json.getString("verifiedUser"), "the app verified the token the proxy attached"),
                () -> assertEquals("/demo-app/proxied/headers?q=1", json.getString("uri")),
                () -> assertEquals(List.of("Bearer (a token)"), strings(headers, "authorization")),
                () -> assertEquals(List.of("app-cookie=1"), strings(headers, "cookie")),
                () -> assertEquals(List.of(proxyHost()), strings(headers, "x-forwarded-host")),
                () -> assertTrue(strings(headers, "forwarded").get(0).contains("host=\"" + proxyHost() + "\"")
                        || strings(headers, "forwarded").get(0).contains("host=" + proxyHost()), headers.toString()),
                () -> assertFalse(headers.toString().contains("6.6.6.6"), headers.toString()),
                () -> assertFalse(headers.toString().contains("forged.example"), headers.toString()));
    }

    @Test
    void withoutASessionAGetGoesToPorticoAndAPostIsRefused() throws Exception {
        HttpResponse<String> get = plain.send(proxy("/apps/demo-app/second?x=1").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> post = plain.send(proxy("/apps/demo-app/form")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("message=x")).build(), HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertEquals(303, get.statusCode()),
                () -> assertEquals(root() + "/apps/demo-app/second?x=1", get.headers().firstValue("Location").orElse("")),
                () -> assertEquals(403, post.statusCode()));
    }

    @Test
    void aPostFromAnotherSiteIsNotPassedOn() throws Exception {
        String session = hopAsAlice("");

        HttpResponse<String> foreign = plain.send(proxy("/apps/demo-app/form").header("Cookie", session)
                .header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("message=x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> own = plain.send(proxy("/apps/demo-app/form").header("Cookie", session)
                .header("Origin", "http://" + proxyHost())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("message=hello")).build(), HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertEquals(403, foreign.statusCode()),
                () -> assertEquals(200, own.statusCode()),
                () -> assertTrue(own.body().contains("Received: hello"), own.body()));
    }

    @Test
    void aRedirectAndTheAppsCookieAreMovedUnderItsPrefix() throws Exception {
        String session = hopAsAlice("");

        HttpResponse<String> redirect = plain.send(proxy("/apps/demo-app/redirect").header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> page = plain.send(proxy("/apps/demo-app/").header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        String setCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("demo-visits="))
                .findFirst().orElse("");

        assertAll(
                () -> assertEquals(302, redirect.statusCode()),
                () -> assertEquals("http://" + proxyHost() + "/apps/demo-app/second",
                        redirect.headers().firstValue("Location").orElse("")),
                () -> assertTrue(setCookie.contains("Path=/apps/demo-app/"), setCookie),
                () -> assertFalse(setCookie.toLowerCase().contains("domain"), setCookie));
    }

    @Test
    void pathsOutsideTheUpstreamAndPorticosPathsAreNotFound() throws Exception {
        String session = hopAsAlice("");

        HttpResponse<String> dotted = plain.send(proxy("/apps/demo-app/%2e%2e/%2e%2e/").header("Cookie", session)
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> elsewhere = plain.send(proxy("/home.xhtml").header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> icon = plain.send(proxy("/favicon.ico").build(), HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertEquals(404, dotted.statusCode()),
                () -> assertEquals(404, elsewhere.statusCode()),
                () -> assertTrue(elsewhere.body().contains("Page not found")),
                () -> assertEquals(204, icon.statusCode(), "the browser's icon request: no error in the app's console"),
                () -> assertEquals("", icon.body()));
    }

    @Test
    void anUnknownAppOnPorticosOriginIsNotFound() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");

        HttpResponse<String> unknown = get(alice, "/apps/no-such-app/");

        assertEquals(404, unknown.statusCode());
    }

    @Test
    void anAppIsRegisteredAsProxiedOnlyWithAnUpstreamUnderItsBaseUrls() throws Exception {
        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        String id = "proxied-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String app = "{\"id\":\"" + id + "\",\"name\":\"Proxied\",\"audience\":\"urn:portico-it:" + id + "\","
                + "\"baseUrls\":[\"https://" + id + ".example/app\"],\"clientAuthentication\":\"client_secret\","
                + "\"proxied\":true,\"upstreamUrl\":\"%s\"}";

        HttpResponse<String> outside = send(ada, "POST", "/api/admin/apps", app.formatted("https://" + id + ".example/other"));
        HttpResponse<String> created = send(ada, "POST", "/api/admin/apps", app.formatted("https://" + id + ".example/app/v2"));
        JsonObject problem = json(outside);
        JsonObject registered = json(created);

        assertAll(
                () -> assertEquals(400, outside.statusCode()),
                () -> assertEquals(PROBLEM, type(outside)),
                () -> assertEquals("upstreamUrl", problem.getJsonArray("errors").getJsonObject(0).getString("field"),
                        problem.toString()),
                () -> assertTrue(problem.toString().contains("under none of the app"), problem.toString()),
                () -> assertEquals(201, created.statusCode(), created.body()),
                () -> assertTrue(registered.getBoolean("proxied")),
                () -> assertEquals("https://" + id + ".example/app/v2", registered.getString("upstreamUrl")));
    }

    /**
     * A body declared larger than {@code portico.proxy.max-body-mb} (100 MiB by default) is refused before a byte of
     * it is read: the request goes out with its headers only (a raw socket, as no HTTP client sends a body it lacks).
     */
    @Test
    void aBodyAboveTheLimitIsRefusedBeforeItIsRead() throws Exception {
        String session = hopAsAlice("");

        String status = statusOfHeadersOnly("POST /apps/demo-app/form", proxyHost(), "Cookie: " + session + "\r\nOrigin: http://"
                + proxyHost() + "\r\nContent-Type: application/x-www-form-urlencoded", 200L * 1024 * 1024);

        assertTrue(status != null && status.startsWith("HTTP/1.1 413 "), status);
    }

    /**
     * Uploads larger than WildFly's default limit of 10 MiB reach the app through the proxy (its own limit is 100 MiB),
     * while Portico's own pages keep the 10 MiB cap.
     */
    @Test
    void aTwentyMebibyteUploadReachesTheAppButNotPortico() throws Exception {
        String session = hopAsAlice("");
        byte[] body = new byte[20 * 1024 * 1024];

        HttpResponse<String> upload = plain.send(proxy("/apps/demo-app/upload").header("Cookie", session)
                .header("Origin", "http://" + proxyHost()).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        String toPortico = statusOfHeadersOnly("POST /login.xhtml", "127.0.0.1:" + base.getPort(),
                "Content-Type: application/x-www-form-urlencoded", body.length);

        assertAll(
                () -> assertEquals(200, upload.statusCode(), upload.body()),
                () -> assertEquals("{\"bytes\":" + body.length + "}", upload.body()),
                () -> assertTrue(toPortico.startsWith("HTTP/1.1 400 "), toPortico));
    }

    /**
     * The status line answered to a request sent with its headers only: {@code Content-Length} announces a body that
     * never comes, as no HTTP client would send (a raw socket).
     */
    private String statusOfHeadersOnly(String requestLine, String host, String headers, long contentLength)
            throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                    + "\r\nContent-Length: " + contentLength + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    private static List<String> strings(JsonObject headers, String name) {
        return headers.containsKey(name) ? headers.getJsonArray(name).getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList() : List.of();
    }
}
