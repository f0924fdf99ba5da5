package org.portico.web.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.Json;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.portico.web.app.DemoApps;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Embedded app panes in Chromium: alice's page frames the demo app (deployed beside Portico, framed under the other
 * loopback name as the demo data does), which receives a token through the pane handshake and shows "Verified". A
 * test app served by a JDK {@link HttpServer} on 127.0.0.1 at another port nests two frames in its pane, one from
 * another origin and one from the pane's own origin but another window: both post the same hello to
 * {@code window.top} and get nothing, while the pane itself gets its token. No token appears in any URL the browser
 * requested nor in the server log. A pane whose app is down, or refuses to be framed, shows a message and an
 * "open in a new tab" link instead of a blank box.
 */
class PaneBrowserIT extends BrowserTestBase {

    @Deployment(name = Deployments.DEMO_APP, testable = false)
    static WebArchive demoApp() {
        return Deployments.demoApp();
    }

    @ArquillianResource
    @OperateOnDeployment(Deployments.DEMO_APP)
    URL demoApp;

    /** The test app: its pane page, the frames nested in it and a page that refuses to be framed. */
    private static HttpServer testApp;
    /** Every path and query the test app was asked for. */
    private static final Queue<String> testAppRequests = new ConcurrentLinkedQueue<>();
    /** Portico's origin, for the test app's pages to address their hello to. */
    private static volatile String porticoOrigin;

    private static final String HELLO = "{type: 'portico:hello', version: 1}";

    /**
     * The test app's pane page: says hello to its parent (Portico), shows what it receives in {@code #state} and keeps
     * the token in {@code data-token} for the test; nests two frames that say the same hello to {@code window.top}.
     */
    private static String panePage(int port) {
        return "<!DOCTYPE html><html><head><title>Test pane</title></head><body>"
                + "<p id='state'>waiting</p>"
                + "<iframe id='foreign' src='http://localhost:" + port + "/nested/foreign'></iframe>"
                + "<iframe id='sibling' src='http://127.0.0.1:" + port + "/nested/sibling'></iframe>"
                + "<script>"
                + "window.addEventListener('message', function (e) {"
                + "  if (e.origin !== '" + porticoOrigin + "' || e.source !== window.parent) return;"
                + "  var s = document.getElementById('state');"
                + "  s.setAttribute('data-answers', String(Number(s.getAttribute('data-answers') || 0) + 1));"
                + "  s.textContent = e.data.type + ' ' + e.data.audience;"
                + "  if (e.data.accessToken) s.setAttribute('data-token', e.data.accessToken);"
                + "});"
                + "parent.postMessage(" + HELLO + ", '" + porticoOrigin + "');"
                + "</script></body></html>";
    }

    /** A frame nested in the pane: says hello to the top window, as the pane would, and records any answer. */
    private static String nestedPage() {
        return "<!DOCTYPE html><html><head><title>Nested</title></head><body><p id='got'>nothing</p><script>"
                + "window.addEventListener('message', function (e) {"
                + "  document.getElementById('got').textContent = 'received ' + JSON.stringify(e.data);"
                + "});"
                + "function hello() { window.top.postMessage(" + HELLO + ", '" + porticoOrigin + "'); }"
                + "hello(); setTimeout(hello, 1000); setTimeout(hello, 2500);"
                + "</script></body></html>";
    }

    private static void answer(HttpExchange exchange, String html, String... header) throws IOException {
        testAppRequests.add(exchange.getRequestURI().toString());
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        if (header.length == 2) {
            exchange.getResponseHeaders().add(header[0], header[1]);
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @BeforeEach
    void testAppRunning() throws IOException {
        porticoOrigin = url("");
        if (testApp == null) {
            testApp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            int port = testApp.getAddress().getPort();
            testApp.createContext("/app/pane", exchange -> answer(exchange, panePage(port)));
            testApp.createContext("/nested/", exchange -> answer(exchange, nestedPage()));
            testApp.createContext("/app/refuses", exchange -> answer(exchange, "<p>never framed</p>",
                    "Content-Security-Policy", "frame-ancestors 'none'"));
            testApp.start();
        }
    }

    @AfterAll
    static void stopTestApp() {
        if (testApp != null) {
            testApp.stop(0);
            testApp = null;
        }
    }

    private String testAppBase() {
        return "http://127.0.0.1:" + testApp.getAddress().getPort() + "/app";
    }

    /** ada registers an app that may be framed with these sandbox flags. */
    private void registerFramedApp(String id, String baseUrl, String... sandbox) throws Exception {
        HttpClient ada = FormLogin.loggedIn(url(""), "ada", DEMO_PASSWORD);
        String app = Json.createObjectBuilder()
                .add("id", id).add("name", "Test app " + id).add("audience", "urn:pane-it:" + id)
                .add("baseUrls", Json.createArrayBuilder().add(baseUrl))
                .add("clientAuthentication", "client_secret").add("mayBeFramed", true)
                .add("sandbox", Json.createArrayBuilder(List.of(sandbox))).build().toString();
        HttpResponse<String> created = ada.send(HttpRequest.newBuilder(URI.create(url("/api/admin/apps")))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(app)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
    }

    /** A page for end users with these widgets (see {@link PaneTokenIT#paneWidget}); its path. */
    private String createPage(String... widgets) throws Exception {
        String slug = unique("panes-");
        String page = "{\"slug\":\"" + slug + "\",\"title\":\"Panes\",\"roles\":[\"end-user\"],\"widgets\":["
                + String.join(",", widgets) + "]}";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/it/pages")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(page)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return "/p/" + slug;
    }

    private JavascriptExecutor script() {
        return (JavascriptExecutor) browser();
    }

    @Test
    void theDemoAppsPaneIsVerifiedAndNeitherAForeignFrameNorASiblingGetsAToken() throws Exception {
        String app = unique("pane-app-");
        registerFramedApp(app, testAppBase() + "/", "allow-scripts", "allow-same-origin");
        String demoPane = unique("demo-pane-");
        String testPane = unique("test-pane-");
        String demoPaneUrl = url("").replace("127.0.0.1", "localhost") + DemoApps.PATH + "/pane";
        String page = createPage(PaneTokenIT.paneWidget(demoPane, DemoApps.ID, demoPaneUrl, "[]"),
                PaneTokenIT.paneWidget(testPane, app, testAppBase() + "/pane", "[]"));

        loginAs("alice", DEMO_PASSWORD);
        open(page);
        WebElement demoFrame = find("#pane-" + demoPane + " iframe");
        WebElement testFrame = find("#pane-" + testPane + " iframe");
        assertAll(
                () -> assertEquals(demoPaneUrl, demoFrame.getAttribute("src")),
                () -> assertEquals("allow-scripts allow-same-origin allow-forms", demoFrame.getDomAttribute("sandbox")),
                () -> assertEquals("no-referrer", demoFrame.getDomAttribute("referrerpolicy")),
                () -> assertEquals("Embedded app: Demo App", demoFrame.getAttribute("title")),
                () -> assertEquals("300", demoFrame.getDomAttribute("height")),
                () -> assertEquals("allow-scripts allow-same-origin", testFrame.getDomAttribute("sandbox")));

        // The demo app verified the token it was handed.
        browser().switchTo().frame(demoFrame);
        String verified = new WebDriverWait(browser(), Duration.ofSeconds(20)).until(driver -> {
            String text = driver.findElement(By.id("verified-user")).getText();
            return text.startsWith("Verified") || text.startsWith("Not verified") ? text : null;
        });
        browser().switchTo().defaultContent();
        assertTrue(verified.startsWith("Verified: Alice End-User (alice)"), verified);

        // The test app's pane got its token; the frames nested in it got nothing, though they said the same hello.
        browser().switchTo().frame(testFrame);
        WebElement state = waitUntil(driver -> {
            WebElement element = driver.findElement(By.id("state"));
            return element.getText().startsWith("portico:") ? element : null;
        });
        String token = state.getAttribute("data-token");
        assertEquals("portico:token urn:pane-it:" + app, state.getText());
        Thread.sleep(4000); // the nested frames said hello three times within 2.5 s; give any answer time to arrive
        String answers = state.getAttribute("data-answers");
        browser().switchTo().frame(browser().findElement(By.id("foreign")));
        String foreign = browser().findElement(By.id("got")).getText();
        browser().switchTo().parentFrame();
        browser().switchTo().frame(browser().findElement(By.id("sibling")));
        String sibling = browser().findElement(By.id("got")).getText();
        browser().switchTo().defaultContent();
        snapshot("panes");
        assertAll(
                // Portico answered the pane's one hello, not the nested frames' hellos (posting to the pane instead).
                () -> assertEquals("1", answers, "answers the pane received"),
                () -> assertEquals("nothing", foreign, "a frame from another origin"),
                () -> assertEquals("nothing", sibling, "a frame from the pane's origin that is not the pane"),
                () -> assertTrue(testAppRequests.contains("/nested/foreign"), testAppRequests.toString()),
                () -> assertTrue(token.matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+"), token));

        // No token in any URL the browser asked for, nor in the server's log.
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) script().executeScript(
                "return performance.getEntries().map(function (e) { return e.name; });");
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String log = Files.readString(java.nio.file.Path.of(System.getProperty("portico.it.server.log",
                "target/server/standalone/log/server.log")));
        assertAll(
                () -> assertTrue(requested.stream().anyMatch(name -> name.contains("/api/panes/" + testPane + "/token")),
                        requested.toString()),
                () -> assertTrue(requested.stream().noneMatch(name -> name.contains(signature)), requested.toString()),
                () -> assertFalse(browser().getCurrentUrl().contains(signature)),
                () -> assertTrue(testAppRequests.stream().noneMatch(name -> name.contains(signature)),
                        testAppRequests.toString()),
                () -> assertFalse(log.contains(signature), "the token in the server log"));
    }

    @Test
    void aPaneWhoseAppIsDownOrRefusesFramingShowsAMessageAndALink() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        String down = unique("down-app-");
        registerFramedApp(down, "http://127.0.0.1:" + closed + "/", "allow-scripts");
        String refusing = unique("refusing-app-");
        registerFramedApp(refusing, testAppBase() + "/refuses"); // no flags at all: the strictest sandbox
        String downPane = unique("down-pane-");
        String refusingPane = unique("refusing-pane-");
        String page = createPage(PaneTokenIT.paneWidget(downPane, down, "http://127.0.0.1:" + closed + "/pane", "[]"),
                PaneTokenIT.paneWidget(refusingPane, refusing, testAppBase() + "/refuses", "[]"));

        loginAs("alice", DEMO_PASSWORD);
        open(page);
        // No hello within a few seconds (twice: the frame is reloaded once), then the fallback instead of a blank box.
        WebElement downFallback = new WebDriverWait(browser(), Duration.ofSeconds(25)).until(driver ->
                driver.findElement(By.cssSelector("#pane-" + downPane + " .portico-pane-fallback")).isDisplayed()
                        ? driver.findElement(By.cssSelector("#pane-" + downPane + " .portico-pane-fallback")) : null);
        WebElement refusingFallback = find("#pane-" + refusingPane + " .portico-pane-fallback");
        WebElement link = downFallback.findElement(By.tagName("a"));
        snapshot("fallbacks");
        assertAll(
                () -> assertTrue(downFallback.getText().contains("Test app " + down + " can't be shown here"),
                        downFallback.getText()),
                () -> assertEquals("http://127.0.0.1:" + closed + "/pane", link.getAttribute("href")),
                () -> assertEquals("_blank", link.getAttribute("target")),
                () -> assertEquals("noopener", link.getAttribute("rel")),
                () -> assertTrue(link.getText().contains("Open Test app " + down + " in a new tab"), link.getText()),
                () -> assertFalse(find("#pane-" + downPane).findElement(By.tagName("iframe")).isDisplayed()),
                () -> assertTrue(refusingFallback.getText().contains("can't be shown here"), refusingFallback.getText()),
                // An app that allows no flag gets sandbox="" (everything restricted), never no sandbox at all.
                () -> assertEquals("", browser().findElement(By.cssSelector("#pane-" + refusingPane + " iframe"))
                        .getDomAttribute("sandbox")),
                () -> assertEquals(testAppBase() + "/refuses",
                        refusingFallback.findElement(By.tagName("a")).getAttribute("href")));
    }
}
