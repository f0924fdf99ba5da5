package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Data tiles on a real page, in the real server and Chromium, against an app the test controls
 * ({@link TileUpstreamServlet}): a page of end users holds a data tile over the app's invoices. The tile lists them as
 * deep links that lead into the app; the app saw alice, through a token it verified against Portico's JWKS. With the
 * app slow or failing, the page's HTML comes at once, the tile says "unavailable", and "Retry" shows the items once
 * the app is healthy again. A failing app is short-circuited for a while, without touching another app's tile. No
 * token travels in a URL.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataTileIT {

    private static final String PASSWORD = "portico-demo";
    /** portico.tiles.timeout-millis's default: the longest a tile waits for its app. */
    private static final Duration TILE_TIMEOUT = Duration.ofMillis(2000);

    private static ChromeDriver driver;
    private static String app;
    private static String flakyApp;
    private static String steadyApp;
    private static String route;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico().addClass(TileUpstreamServlet.class);
    }

    private String root() {
        return base.toString().replaceAll("/$", "");
    }

    /** Once per class: the app (base URL: the test servlet) and its invoice route, registered by ada through the API. */
    @BeforeEach
    void appAndRoute() throws Exception {
        if (driver == null) {
            driver = Browser.start();
        }
        driver.get(root() + "/login.xhtml");
        driver.manage().deleteAllCookies();
        control(Map.of("mode", "ok", "flaky", "ok", "steady", "ok"));
        if (app != null) {
            return;
        }
        HttpClient ada = FormLogin.loggedIn(root(), "ada", PASSWORD);
        String id = registerApp(ada, "tiles", "/it/tile-upstream/");
        flakyApp = registerApp(ada, "flaky", "/it/tile-upstream/flaky/");
        steadyApp = registerApp(ada, "steady", "/it/tile-upstream/steady/");
        String routeName = ItSupport.unique("tile-invoice");
        String routeJson = Json.createObjectBuilder().add("name", routeName).add("description", "An invoice")
                .add("parameters", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "id").add("type", "string")))
                .add("target", Json.createObjectBuilder().add("appId", id)
                        .add("template", root() + "/it/tile-upstream/invoice/{id}"))
                .add("roles", Json.createArrayBuilder().add("end-user")).build().toString();
        HttpResponse<String> saved = post(ada, "/api/admin/routes", routeJson);
        assertEquals(201, saved.statusCode(), saved.body());
        app = id;
        route = routeName;
    }

    /**
     * Another app over the test servlet's main invoices, for a story that makes its app fail: whether an app is down
     * (and its circuit) is Portico's memory of that app, which must not leak into the stories of the shared one.
     */
    private String ownApp() throws Exception {
        return registerApp(FormLogin.loggedIn(root(), "ada", PASSWORD), "tiles", "/it/tile-upstream/");
    }

    /** ada registers an app whose base URL is this path of the test servlet; the upstream accepts its audience. */
    private String registerApp(HttpClient ada, String prefix, String path) throws Exception {
        String id = ItSupport.unique(prefix);
        String appJson = Json.createObjectBuilder().add("id", id).add("name", "Invoices " + id)
                .add("audience", "urn:portico-it:" + id)
                .add("baseUrls", Json.createArrayBuilder().add(root() + path))
                .add("claims", Json.createArrayBuilder().add("name"))
                .add("tokenLifetimeSeconds", 300).add("clientAuthentication", "client_secret").build().toString();
        HttpResponse<String> created = post(ada, "/api/admin/apps", appJson);
        assertEquals(201, created.statusCode(), created.body());
        control(Map.of("audience", "urn:portico-it:" + id));
        return id;
    }

    @AfterEach
    void screenshot(TestInfo test) throws IOException, InterruptedException {
        snapshot(test.getTestMethod().map(Method::getName).orElse("test"));
        control(Map.of("mode", "ok", "flaky", "ok", "steady", "ok"));
    }

    /** What the browser shows now, as target/screenshots/DataTileIT-{name}.png. */
    private static void snapshot(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve("DataTileIT-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    @Test
    void theTileListsTheAppsItemsAsDeepLinksThatLeadIntoTheApp() throws Exception {
        String slug = page();
        loginAsAlice();

        driver.get(root() + "/p/" + slug);
        List<WebElement> links = waitUntil(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".portico-data-tile-link"));
            return found.size() == 2 ? found : null;
        });
        List<String> titles = links.stream().map(WebElement::getText).toList();
        List<String> hrefs = links.stream().map(link -> link.getAttribute("href")).toList();
        String itemText = driver.findElement(By.cssSelector(".portico-data-tile-items li")).getText();
        JsonObject upstream = control(Map.of());
        links.get(0).click();
        WebElement invoice = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("invoice")));

        assertAll(
                () -> assertEquals(List.of("ACME Corp", "Globex"), titles, "the entry without an id is skipped"),
                () -> assertEquals(List.of(root() + "/link/" + route + "/42", root() + "/link/" + route + "/43"), hrefs),
                () -> assertTrue(itemText.contains("EUR 1,250.00"), itemText),
                () -> assertTrue(itemText.contains("2026"), "the date: " + itemText),
                () -> assertEquals("alice", upstream.getString("subject"), "the app saw alice"),
                () -> assertEquals("Invoice 42", invoice.getText()),
                () -> assertEquals("/it/tile-upstream/invoice/42", URI.create(driver.getCurrentUrl()).getPath()),
                () -> assertFalse(upstream.getBoolean("tokenInUrl"), "no token in a URL the app was sent"),
                () -> assertFalse(control(Map.of()).getBoolean("tokenInUrl")));
    }

    @Test
    void theTileApiAnswersOnlyForATileTheUserMaySeeAndIsNeverStored() throws Exception {
        String widget = ItSupport.unique("dt").replace('-', '_');
        String slug = page(widget, Map.of("app", app, "url", root() + "/it/tile-upstream/api/invoices"));
        HttpClient alice = FormLogin.loggedIn(root(), "alice", PASSWORD);

        String cold = get(alice, "/p/" + slug).body();
        HttpResponse<String> tile = get(alice, "/api/tiles/" + widget);
        String warm = get(alice, "/p/" + slug).body();
        JsonObject body = ItSupport.json(tile);
        JsonObject first = body.getJsonArray("items").getJsonObject(0);
        HttpResponse<String> anonymous = get(HttpClient.newHttpClient(), "/api/tiles/" + widget);
        HttpResponse<String> unknown = get(alice, "/api/tiles/no_such_tile");
        HttpResponse<String> malformed = get(alice, "/api/tiles/" + "x".repeat(40));
        control(Map.of("mode", "error"));
        HttpResponse<String> failing = get(alice, "/api/tiles/" + ItSupport.unique("dt").replace('-', '_'));
        String other = ItSupport.unique("dt").replace('-', '_');
        page(other, Map.of("app", ownApp(), "url", root() + "/it/tile-upstream/api/invoices"));
        JsonObject unavailable = ItSupport.json(get(alice, "/api/tiles/" + other));

        assertAll(
                () -> assertEquals(200, tile.statusCode(), tile.body()),
                () -> assertTrue(tile.headers().firstValue("Content-Type").orElse("").startsWith("application/json")),
                () -> assertTrue(tile.headers().firstValue("Cache-Control").orElse("").contains("no-store")),
                () -> assertEquals("items", body.getString("state")),
                () -> assertEquals(2, body.getJsonArray("items").size(), "the entry without an id is skipped"),
                () -> assertEquals("ACME Corp", first.getString("title")),
                () -> assertEquals(new URL(base, "link/" + route + "/42").getPath(), first.getString("href")),
                () -> assertFalse(first.getBoolean("newTab")),
                () -> assertTrue(first.getString("date").contains("2026"), first.toString()),
                () -> assertTrue(first.getString("datetime").startsWith("2026-"), first.toString()),
                () -> assertFalse(tile.body().contains("eyJ"), "no token in the answer"),
                () -> assertTrue(cold.contains("data-tile-url=") && !cold.contains("ACME Corp"), "cold: a placeholder"),
                () -> assertTrue(warm.contains("ACME Corp") && warm.contains(first.getString("href")),
                        "warm: the cached items in the page itself"),
                () -> assertFalse(warm.contains("data-tile-url="), "warm: nothing to ask after the page"),
                () -> assertEquals(401, anonymous.statusCode()),
                () -> assertEquals(404, unknown.statusCode()),
                () -> assertTrue(unknown.headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/problem+json"), unknown.headers().toString()),
                () -> assertFalse(unknown.body().contains("no_such_tile"), "the id is not echoed"),
                () -> assertEquals(404, malformed.statusCode()),
                () -> assertEquals(404, failing.statusCode(), "an id on no page"),
                () -> assertEquals("unavailable", unavailable.getString("state"), "a failing app: 200, unavailable"),
                () -> assertEquals(0, unavailable.getJsonArray("items").size()));
    }

    private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(root() + path)).header("Accept", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSlowAppDoesNotDelayThePageAndTheTileRecoversOnRetry() throws Exception {
        theTileIsUnavailableAtOnceThenRecovers("slow");
    }

    @Test
    void aFailingAppMakesTheTileUnavailableAndItRecoversOnRetry() throws Exception {
        theTileIsUnavailableAtOnceThenRecovers("error");
    }

    private void theTileIsUnavailableAtOnceThenRecovers(String mode) throws Exception {
        String slug = page(ItSupport.unique("dt").replace('-', '_'),
                Map.of("app", ownApp(), "url", root() + "/it/tile-upstream/api/invoices"));
        HttpClient alice = FormLogin.loggedIn(root(), "alice", PASSWORD);
        control(Map.of("mode", mode));
        long started = System.nanoTime();
        HttpResponse<String> html = alice.send(HttpRequest.newBuilder(URI.create(root() + "/p/" + slug)).build(),
                HttpResponse.BodyHandlers.ofString());
        Duration htmlTime = Duration.ofNanos(System.nanoTime() - started);

        loginAsAlice();
        driver.get(root() + "/p/" + slug);
        WebElement unavailable = waitUntil(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".portico-data-tile-unavailable")));
        String unavailableText = unavailable.getText();
        snapshot("unavailable-" + mode);
        // The app is known to be down now: the next page says so itself, the browser has nothing to wait for.
        String knownDown = alice.send(HttpRequest.newBuilder(URI.create(root() + "/p/" + slug)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // That view started one trial fetch behind the page; the Retry below must not share its (failing) answer.
        Thread.sleep(TILE_TIMEOUT.plusMillis(500).toMillis());
        control(Map.of("mode", "ok"));
        driver.findElement(By.cssSelector(".portico-data-tile-retry")).click();
        List<WebElement> links = waitUntil(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".portico-data-tile-link"));
            return found.size() == 2 ? found : null;
        });

        assertAll(
                () -> assertEquals(200, html.statusCode()),
                () -> assertTrue(htmlTime.compareTo(TILE_TIMEOUT.dividedBy(4)) < 0,
                        "the page's HTML came in " + htmlTime.toMillis() + " ms, without waiting for the app"),
                () -> assertTrue(html.body().contains("portico-data-tile-loading"), "the placeholder"),
                () -> assertFalse(html.body().contains("ACME Corp"), "no items in the page itself"),
                () -> assertFalse(html.body().contains("eyJ"), "no token in the page"),
                () -> assertEquals("This information is unavailable right now.", unavailableText),
                () -> assertTrue(knownDown.contains("data-tile-state=\"unavailable\""), "known down: said by the page"),
                () -> assertFalse(knownDown.contains("portico-data-tile-loading"), "known down: no placeholder"),
                () -> assertEquals("ACME Corp", links.get(0).getText(), "recovered"));
    }

    @Test
    void aFailingAppIsShortCircuitedForAWhileAndTheOtherAppsTilesAreNot() throws Exception {
        String widget = ItSupport.unique("dt").replace('-', '_');
        String slug = page(widget, Map.of("app", flakyApp, "url", root() + "/it/tile-upstream/flaky/api/invoices",
                "app2", steadyApp, "url2", root() + "/it/tile-upstream/steady/api/invoices"));
        control(Map.of("flaky", "error"));
        loginAsAlice();

        for (int i = 0; i < 10; i++) {
            showWithFlakyUnavailable(slug, widget);
        }
        int reachedTheApp = control(Map.of()).getInt("flakyRequests");
        for (int i = 0; i < 3; i++) {
            showWithFlakyUnavailable(slug, widget);
        }
        JsonObject after = control(Map.of());
        String saidByThePage = driver.findElement(By.cssSelector("#widget-" + widget + " .portico-data-tile-body"))
                .getAttribute("data-tile-state");
        // A tile of the other app that is not cached yet: its fetch must reach its app while the flaky one's is open.
        String fresh = ItSupport.unique("dt").replace('-', '_');
        driver.get(root() + "/p/" + page(fresh, Map.of("app", steadyApp,
                "url", root() + "/it/tile-upstream/steady/api/invoices")));
        waitUntil(d -> d.findElements(By.cssSelector("#widget-" + fresh + " .portico-data-tile-link")).size() == 2);
        JsonObject last = control(Map.of());

        assertAll(
                () -> assertTrue(reachedTheApp < 10, "the circuit opened: " + reachedTheApp + " of 10 fetches asked"),
                () -> assertEquals(reachedTheApp, after.getInt("flakyRequests"), "open: the app is not asked"),
                () -> assertEquals("unavailable", saidByThePage, "open: the page says so itself, nothing to ask"),
                () -> assertEquals(after.getInt("steadyRequests") + 1, last.getInt("steadyRequests"),
                        "the other app's circuit is its own: asked for its new tile"));
    }

    @Test
    void aFailingAppRecoversBehindThePageWhichNeverLeavesItsTileToTheBrowser() throws Exception {
        String widget = ItSupport.unique("dt").replace('-', '_');
        String slug = page(widget, Map.of("app", flakyApp, "url", root() + "/it/tile-upstream/flaky/api/invoices",
                "app2", steadyApp, "url2", root() + "/it/tile-upstream/steady/api/invoices"));
        control(Map.of("flaky", "error"));
        loginAsAlice();
        for (int i = 0; i < 10 && !"unavailable".equals(tileState(slug, widget)); i++) {
            showWithFlakyUnavailable(slug, widget);
        }
        assertEquals("unavailable", tileState(slug, widget), "the circuit opened");
        control(Map.of("flaky", "ok"));
        int before = control(Map.of()).getInt("flakyRequests");

        // The circuit's time (30 s by default) runs out: the pages still say "unavailable" themselves (the browser
        // would wait for a timeout), and start the breaker's trial fetches behind them until the app is back.
        Thread.sleep(31_000);
        String stateDuringTrial = tileState(slug, widget);
        waitUntil(d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector("#widget-" + widget + " .portico-data-tile-link")).isEmpty();
        });

        assertAll(
                () -> assertEquals("unavailable", stateDuringTrial, "said by the page, not left to the browser"),
                () -> assertTrue(control(Map.of()).getInt("flakyRequests") > before, "the trial reached the app"),
                () -> assertEquals("ACME Corp", driver.findElement(By.cssSelector(
                        "#widget-" + widget + " .portico-data-tile-link")).getText(), "recovered"));
    }

    /** The data-tile-state the page itself gave the tile's body ("unavailable"), null when it left it to the browser. */
    private String tileState(String slug, String widget) {
        driver.get(root() + "/p/" + slug);
        return driver.findElement(By.cssSelector("#widget-" + widget + " .portico-data-tile-body"))
                .getAttribute("data-tile-state");
    }

    /** Shows the page and waits until the flaky app's tile says unavailable and the steady app's tile lists items. */
    private void showWithFlakyUnavailable(String slug, String widget) {
        driver.get(root() + "/p/" + slug);
        waitUntil(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#widget-" + widget + " .portico-data-tile-unavailable")));
        waitUntil(d -> d.findElements(By.cssSelector("#widget-" + widget + "b .portico-data-tile-link")).size() == 2);
    }

    /** A new page of end users with one data tile over the test app's invoices; its slug. */
    private String page() throws Exception {
        return page(ItSupport.unique("dt").replace('-', '_'),
                Map.of("app", app, "url", root() + "/it/tile-upstream/api/invoices"));
    }

    /** A new page of end users with the data tiles of these settings ({@code app}, {@code url}, {@code app2}…). */
    private String page(String widget, Map<String, String> tiles) throws Exception {
        String slug = ItSupport.unique("tiles");
        Map<String, String> values = new java.util.HashMap<>(tiles);
        values.putAll(Map.of("slug", slug, "widget", widget, "route", route));
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(root() + "/it/tile-upstream/page"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(values))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return slug;
    }

    private void loginAsAlice() {
        driver.get(root() + "/login.xhtml");
        driver.findElement(By.id("login:username")).sendKeys("alice");
        driver.findElement(By.id("login:password")).sendKeys(PASSWORD);
        ((JavascriptExecutor) driver).executeScript("window.porticoOldPage = true;");
        driver.findElement(By.id("login:submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.porticoOldPage === undefined && document.readyState !== 'loading';")));
    }

    private <T> T waitUntil(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    private JsonObject control(Map<String, String> values) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(root() + "/it/tile-upstream/control"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(values))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return ItSupport.json(response);
    }

    private HttpResponse<String> post(HttpClient client, String path, String json)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(root() + path)).header("Accept", "application/json")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
