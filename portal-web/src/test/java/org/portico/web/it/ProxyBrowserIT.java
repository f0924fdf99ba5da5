package org.portico.web.it;

import java.net.URI;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Cookie;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo app through Portico's reverse proxy, in Chromium: Portico at 127.0.0.1, the proxied app on its own origin
 * {@code http://demo-app.localhost:<port>} (Chromium resolves every {@code *.localhost} to the loopback address).
 * alice opens it from Portico and sees herself (the app verified the token the proxy attached); the app's own cookie
 * works across its pages and its redirect stays on the proxy; a guest logs in and lands where she meant to go; a
 * proxied page's script, opened by ada (a site admin), can read nothing of Portico's pages or API; 5 MiB stream
 * through; an app that is down is a friendly 502 page; on the proxy origin nothing of Portico answers.
 */
class ProxyBrowserIT extends BrowserTestBase {

    @Deployment(name = Deployments.DEMO_APP, testable = false)
    static WebArchive demoApp() {
        return Deployments.demoApp();
    }

    /** The demo app's proxy origin: Portico's port on {@code demo-app.localhost}. */
    private String proxyOrigin() {
        return "http://demo-app.localhost:" + base.getPort();
    }

    private String proxied(String path) {
        return proxyOrigin() + "/apps/demo-app/" + path;
    }

    /**
     * Each test starts without the proxy origin's cookies too (the base class clears Portico's): from a page under
     * {@code /apps/demo-app/}, where the proxy's and the app's cookies are visible to WebDriver.
     */
    @BeforeEach
    void noProxyCookies() {
        browser().get(proxied("_portico/landed"));
        browser().manage().deleteAllCookies();
    }

    /** Opens a page of the demo app from Portico: the hop page, then the proxy origin. */
    private void openThroughPortico(String path) {
        open("/apps/demo-app/" + path);
        waitUntil(driver -> driver.getCurrentUrl().startsWith(proxyOrigin()));
    }

    private String text(String id) {
        return find("#" + id).getText();
    }

    @Test
    void aliceOpensTheProxiedDemoAppAndSeesHerself() {
        loginAs("alice", DEMO_PASSWORD);

        openThroughPortico("");

        assertAll(
                () -> assertEquals("Proxied: Alice End-User (alice)", text("proxied-user")),
                () -> assertEquals(proxied(""), browser().getCurrentUrl(), "the hop's ticket is in no URL"),
                () -> assertEquals("1", text("visits")),
                () -> assertTrue(browser().manage().getCookies().stream().map(Cookie::getName)
                        .noneMatch(name -> name.equals("JSESSIONID")), "no Portico session on the proxy origin"));
    }

    @Test
    void theAppsOwnCookieWorksAcrossItsPagesAndItsRedirectStaysOnTheProxy() {
        loginAs("alice", DEMO_PASSWORD);
        openThroughPortico("");
        assertEquals("1", text("visits"));

        andWaitForNewPage(() -> find("#second").click());
        String second = text("visits");
        String secondPage = text("page");
        andWaitForNewPage(() -> find("#redirect").click());
        String redirectedTo = browser().getCurrentUrl();
        String third = text("visits");
        Cookie visits = browser().manage().getCookieNamed("demo-visits");

        assertAll(
                () -> assertEquals("2", second),
                () -> assertEquals("Second page", secondPage),
                () -> assertEquals(proxied("second"), redirectedTo),
                () -> assertEquals("3", third),
                () -> assertEquals("/apps/demo-app/", visits.getPath(), "the app's cookie is scoped to its prefix"),
                () -> assertEquals("demo-app.localhost", visits.getDomain()));
    }

    @Test
    void aFormPostReachesTheApp() {
        loginAs("alice", DEMO_PASSWORD);
        openThroughPortico("form");

        type("#message", "Hello through the proxy");
        andWaitForNewPage(() -> find("#send").click());

        assertEquals("Received: Hello through the proxy", text("received"));
    }

    @Test
    void aGuestLogsInAndLandsOnTheProxiedPageSheAskedFor() {
        open("/apps/demo-app/second?from=guest");
        submitLoginForm("alice", DEMO_PASSWORD);
        waitUntil(driver -> driver.getCurrentUrl().startsWith(proxyOrigin()));

        assertAll(
                () -> assertEquals("Proxied: Alice End-User (alice)", text("proxied-user")),
                () -> assertEquals(proxied("second?from=guest"), browser().getCurrentUrl()));
    }

    /**
     * The isolation story: the app's script runs on its own origin, so even with a site admin's Portico session in the
     * same browser, the browser hands it nothing of Portico's: a CORS fetch of the admin API and of the home page is
     * refused, a no-cors fetch is opaque (no status, no body), a frame of Portico's page shows no document, and it
     * cannot see the proxy's session cookie.
     */
    @Test
    void aProxiedPagesScriptReadsNothingOfPorticoEvenForASiteAdmin() {
        loginAs("ada", DEMO_PASSWORD);
        // Control: the same session reads the admin API on Portico's own origin.
        open("/api/admin/apps");
        assertTrue(browser().getPageSource().contains("demo-app"), "ada's session can read the admin API itself");

        openThroughPortico("probe?portico=" + url(""));
        waitUntil(driver -> "done".equals(find("#probe").getAttribute("data-state")));
        Map<String, String> seen = Map.of(
                "api", text("api"), "api-opaque", text("api-opaque"), "home-page", text("home-page"),
                "home-opaque", text("home-opaque"), "frame", text("frame"), "cookies", text("cookies"));

        assertAll(
                () -> assertEquals("Proxied: Ada Admin (ada)", text("proxied-user").replaceAll("\\(ada\\).*", "(ada)"),
                        "the probe runs as ada's proxied page"),
                () -> assertEquals("refused: TypeError", seen.get("api"), seen.toString()),
                () -> assertEquals("opaque status 0, 0 characters", seen.get("api-opaque"), seen.toString()),
                () -> assertEquals("refused: TypeError", seen.get("home-page"), seen.toString()),
                () -> assertEquals("opaque status 0, 0 characters", seen.get("home-opaque"), seen.toString()),
                () -> assertTrue(seen.get("frame").startsWith("refused") || seen.get("frame").equals("no document"),
                        seen.toString()),
                () -> assertFalse(seen.get("cookies").contains("portico-proxy"), seen.toString()),
                () -> assertFalse(seen.get("cookies").contains("JSESSIONID"), seen.toString()));
    }

    @Test
    void fiveMebibytesStreamThroughTheProxy() {
        loginAs("alice", DEMO_PASSWORD);
        openThroughPortico("");

        Object size = ((JavascriptExecutor) browser()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('download?mb=5').then(r => r.arrayBuffer()).then(b => done(b.byteLength),"
                        + " e => done('failed: ' + e));");

        assertEquals(5L * 1024 * 1024, ((Number) size).longValue());
    }

    @Test
    void onTheProxyOriginNothingOfPorticoAnswers() {
        loginAs("alice", DEMO_PASSWORD);
        openThroughPortico("");

        for (String path : new String[] {"/home.xhtml", "/api/admin/apps", "/login.xhtml", "/apps/other-app/"}) {
            browser().get(proxyOrigin() + path);
            assertAll(path,
                    () -> assertEquals("Page not found", text("content").lines().findFirst().orElse("")),
                    () -> assertFalse(browser().getPageSource().contains("Alice End-User")));
        }
    }

    @Test
    void anUnknownAppIsPorticosNotFoundPage() {
        loginAs("alice", DEMO_PASSWORD);

        open("/apps/no-such-app/");

        assertTrue(find("main#content").getText().contains("Page not found"));
    }

    @Test
    void anAppThatIsDownIsAFriendly502Page() throws Exception {
        var ada = FormLogin.loggedIn(url(""), "ada", DEMO_PASSWORD);
        String id = "down-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        // Port 9 (discard) on the loopback address: nothing listens there.
        String app = "{\"id\":\"" + id + "\",\"name\":\"Down App\",\"audience\":\"urn:portico-it:" + id + "\","
                + "\"baseUrls\":[\"http://127.0.0.1:9/\"],\"clientAuthentication\":\"client_secret\","
                + "\"proxied\":true,\"upstreamUrl\":\"http://127.0.0.1:9/app\"}";
        var created = ada.send(java.net.http.HttpRequest.newBuilder(URI.create(url("/api/admin/apps")))
                        .header("Content-Type", "application/json").header("Origin", url(""))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(app)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        loginAs("alice", DEMO_PASSWORD);

        open("/apps/" + id + "/page");
        waitUntil(driver -> driver.getCurrentUrl().startsWith("http://" + id + ".localhost:"));

        assertAll(
                () -> assertEquals("Down App is not answering", find("h1").getText()),
                () -> assertFalse(browser().getPageSource().contains("Exception")),
                () -> assertTrue(find("#back").getAttribute("href").startsWith(url("/home.xhtml"))));
    }

    /**
     * A WebSocket through the proxy: Undertow's handler performs the upgrade, and the upgrade request carries alice's
     * token like any other (the demo app's echo names the user it verified).
     */
    @Test
    void aWebSocketPassesTheProxyWithTheUsersToken() {
        loginAs("alice", DEMO_PASSWORD);
        openThroughPortico("");

        Object answer = ((JavascriptExecutor) browser()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const socket = new WebSocket(location.href.replace(/^http/, 'ws').replace(/[^/]*$/, 'echo'));"
                        + "socket.onopen = () => socket.send('hello');"
                        + "socket.onmessage = event => { done(event.data); socket.close(); };"
                        + "socket.onclose = event => done('closed ' + event.code + ' ' + event.reason);"
                        + "socket.onerror = () => done('error');");

        assertEquals("alice: hello", answer);
    }

    /**
     * The demo data's pane of the proxied demo app on alice's home page: the frame hops through Portico inside the
     * pane (its proxy cookie partitioned under Portico's site) and shows the user the app verified.
     */
    @Test
    void alicesHomePageShowsTheProxiedDemoAppInAPane() {
        loginAs("alice", DEMO_PASSWORD);

        var frame = browser().findElement(By.cssSelector("#widget-demo-proxied iframe"));
        String src = frame.getAttribute("src");
        browser().switchTo().frame(frame);
        String shown;
        try {
            shown = waitUntil(driver -> {
                var title = driver.findElements(By.id("proxied-user"));
                return title.isEmpty() ? null : title.get(0).getText();
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            // What the frame shows instead, for the report.
            shown = ((JavascriptExecutor) browser()).executeScript("return location.href + ' | ' + document.body.innerText;")
                    .toString();
        }
        browser().switchTo().defaultContent();
        String framed = shown;

        assertAll(
                () -> assertEquals(proxied(""), src),
                () -> assertEquals("Proxied: Alice End-User (alice)", framed, "the frame shows"));
    }

    /** The ITs' server gives proxied apps 3 s of silence (portico.proxy.read-timeout=PT3S): a slower answer is a 502 page. */
    @Test
    void anAppThatTakesTooLongIsA502Page() {
        loginAs("alice", DEMO_PASSWORD);
        openThroughPortico("");

        long start = System.nanoTime();
        browser().get(proxied("slow?seconds=8"));
        long seconds = java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds();

        assertAll(
                () -> assertEquals("Demo App is not answering", find("h1").getText()),
                () -> assertTrue(seconds < 8, "gave up after the read timeout, not the app's 8 s: " + seconds + " s"));
    }
}
