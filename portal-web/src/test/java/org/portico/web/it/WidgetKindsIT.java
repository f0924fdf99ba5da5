package org.portico.web.it;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simple widget kinds on a real page in Chromium: an app tile with a deep link, an app tile with an app URL, the
 * welcome CMS block and a links list with a one-time route. Each test stores its own page at {@code /p/wk-…} for
 * end users (through {@link WidgetPageServlet}, as the page editor stores pages) and registers its own app, whose
 * base URL is the demo app's address on this server, so that switching it off touches no other test. Links into the
 * demo app are followed to where Portico sends the browser (the demo app is not deployed here; see
 * {@code LinkBrowserIT}).
 */
class WidgetKindsIT extends BrowserTestBase {

    private String tag;
    private String slug;
    private String app;
    private String appJson;

    /** A page with the three kinds, and the app of its second tile and last link. */
    @BeforeEach
    void pageWithTheThreeKinds() throws Exception {
        tag = unique("wk");
        slug = tag;
        app = tag + "-app";
        appJson = Json.createObjectBuilder().add("id", app).add("name", "IT app " + tag).add("audience", app)
                .add("baseUrls", Json.createArrayBuilder().add(url("/demo-app/"))).add("claims", Json.createArrayBuilder())
                .add("tokenLifetimeSeconds", 300).add("clientAuthentication", "client_secret").build().toString();
        HttpResponse<String> registered = send(admin(), "POST", "/api/admin/apps", appJson);
        assertEquals(201, registered.statusCode(), registered.body());

        HttpResponse<String> stored = storePage(page(
                widget("tile", "app-tile", "Invoices", 4, Json.createObjectBuilder().add("app", "demo-app")
                        .add("text", "Invoices and orders").add("icon", "pi pi-file").add("route", "invoice")
                        .add("params", Json.createObjectBuilder().add("id", "42"))),
                widget("urltile", "app-tile", "", 4, Json.createObjectBuilder().add("app", app)
                        .add("text", "The app of this test").add("url", url("/demo-app/start"))),
                widget("block", "cms-block", "", 4, Json.createObjectBuilder().add("block", "welcome")),
                widget("offertile", "app-tile", "Welcome", 6, Json.createObjectBuilder().add("app", "demo-app")
                        .add("text", "Your one-time welcome offer").add("route", "welcome-offer")),
                widget("links", "links-list", "Try a deep link", 6, Json.createObjectBuilder().add("links",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("label", "Invoice 43").add("route", "invoice")
                                        .add("params", Json.createObjectBuilder().add("id", 43)))
                                .add(Json.createObjectBuilder().add("label", "Your offer").add("route", "welcome-offer"))
                                .add(Json.createObjectBuilder().add("label", "The app of this test").add("app", app)
                                        .add("url", url("/demo-app/start")))))));
        assertEquals(201, stored.statusCode(), stored.body());
    }

    @Test
    void aliceSeesTheThreeKindsAndFollowsTheirLinks() throws IOException {
        loginAs("alice", DEMO_PASSWORD);
        open("/p/" + slug);
        WebElement tile = find("#widget-tile-" + tag);
        List<String> links = labels();
        assertAll(
                () -> assertEquals("Invoices", tile.findElement(By.cssSelector("h2")).getText()),
                () -> assertEquals("Demo App", find("#w-tile-" + tag + "-app").getText()),
                () -> assertTrue(tile.getText().contains("Invoices and orders"), tile.getText()),
                () -> assertTrue(present("#widget-tile-" + tag + " .portico-app-tile-icon.pi.pi-file"), "the icon"),
                () -> assertTrue(find("#w-tile-" + tag + "-link").getAttribute("href").endsWith("/link/invoice/42")),
                () -> assertEquals("Open IT app " + tag, find("#w-urltile-" + tag + "-link").getText()),
                () -> assertEquals(url("/demo-app/start"), find("#w-urltile-" + tag + "-link").getAttribute("href")),
                () -> assertTrue(find("#widget-block-" + tag).getText().contains("Welcome to Portico")),
                () -> assertEquals(List.of("Invoice 43", "Your offer", "The app of this test"), links),
                () -> assertEquals("Open Demo App", find("#w-offertile-" + tag + "\\:open").getText()),
                () -> assertTrue(find("#w-links-" + tag + "-0").getAttribute("href").endsWith("/link/invoice/43")),
                () -> assertFalse(browser().getPageSource().contains("_ticket="), "no ticket before a click"));
        snapshot("page");

        clickToNavigate("#w-tile-" + tag + "-link");
        waitUntil(driver -> driver.getCurrentUrl().startsWith(url("/demo-app/invoices/42#portico_token=ey")));

        open("/p/" + slug);
        clickToNavigate("#w-offertile-" + tag + "\\:open");
        waitUntil(driver -> driver.getCurrentUrl().startsWith(url("/demo-app/offers/welcome#portico_token=ey")));
    }

    /** The button mints a link that only alice may redeem, once: the second time she gets the friendly page. */
    @Test
    void theOneTimeButtonsLinkWorksOnce() throws Exception {
        HttpClient alice = FormLogin.loggedIn(url(""), "alice", DEMO_PASSWORD);
        HttpResponse<String> page = get(alice, "/p/" + slug);
        assertEquals(200, page.statusCode(), page.body());
        assertFalse(page.body().contains("_ticket="), "showing the page mints nothing");
        HttpResponse<String> clicked = clickButton(alice, page.body(), "w-links-" + tag, "Your offer");
        assertAll(
                () -> assertEquals(200, clicked.statusCode(), clicked.body()),
                () -> assertEquals("no-store", clicked.headers().firstValue("Cache-Control").orElse("")));
        String href = URI.create(url("/")).resolve(HomeSamples.continuesTo(clicked.body())).toString();
        assertTrue(href.contains("/link/welcome-offer?_ticket="), href);

        loginAs("alice", DEMO_PASSWORD);
        browser().get(href);
        waitUntil(driver -> driver.getCurrentUrl().startsWith(url("/demo-app/offers/welcome#portico_token=ey")));
        browser().get(href);
        assertAll(
                () -> assertEquals("replayed", find("#link-problem").getAttribute("data-outcome")),
                () -> assertTrue(find("#link-message").getText().contains("already been used")));
    }

    @Test
    void aWidgetWhoseAppWasDisabledDisappearsForTheUser() throws Exception {
        HttpClient ada = admin();
        long version = ItSupport.json(send(ada, "GET", "/api/admin/apps/" + app, null)).getJsonNumber("version").longValue();
        HttpResponse<String> disabled = send(ada, "PUT", "/api/admin/apps/" + app, Json.createObjectBuilder(
                Json.createReader(new StringReader(appJson)).readObject()).add("enabled", false).add("version", version)
                .build().toString());
        assertEquals(200, disabled.statusCode(), disabled.body());

        loginAs("alice", DEMO_PASSWORD);
        open("/p/" + slug);
        find("#widget-tile-" + tag);
        List<String> links = labels();
        assertAll(
                () -> assertFalse(present("#widget-urltile-" + tag), "the tile of the disabled app is gone"),
                () -> assertTrue(present("#widget-block-" + tag), "the others stay"),
                () -> assertEquals(List.of("Invoice 43", "Your offer"), links, "its link is left out of the list"));
    }

    /** Settings are checked by the kind when the page is stored: a message per field, nothing stored. */
    @Test
    void aPageWithAnInvalidWidgetIsRefusedWithAMessagePerField() throws Exception {
        slug = tag + "-bad";
        HttpResponse<String> refused = storePage(page(
                widget("bad", "app-tile", "", 4, Json.createObjectBuilder().add("app", "demo-app")
                        .add("url", "https://evil.example/demo-app").add("icon", "fa fa-bomb")),
                widget("badlinks", "links-list", "", 4, Json.createObjectBuilder().add("links", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("label", "Invoice").add("route", "invoice")
                                .add("params", Json.createObjectBuilder().add("id", "x")))))));
        String errors = refused.body();
        assertAll(
                () -> assertEquals(400, refused.statusCode(), errors),
                () -> assertTrue(errors.contains("must lie under a base URL of the app 'demo-app'"), errors),
                () -> assertTrue(errors.contains("must be a PrimeIcons class"), errors),
                () -> assertTrue(errors.contains("links/0/params/id"), errors),
                () -> assertTrue(errors.contains("parameter 'id' must be a whole number"), errors),
                () -> assertEquals(404, get(FormLogin.loggedIn(url(""), "alice", DEMO_PASSWORD), "/p/" + slug).statusCode(),
                        "nothing stored"));
    }

    /** What the links of the list say, in order (a one-time route's button says it in its value). */
    private List<String> labels() {
        return all("#w-links-" + tag + "-links li").stream().map(li -> li.findElements(By.cssSelector("input")).isEmpty()
                ? li.getText() : li.findElement(By.cssSelector("input")).getAttribute("value")).toList();
    }

    // ---- set-up over HTTP ------------------------------------------------------------------------------------

    private HttpClient admin() throws IOException, InterruptedException {
        return FormLogin.loggedIn(url(""), "ada", DEMO_PASSWORD);
    }

    private JsonObject page(JsonObjectBuilder... widgets) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObjectBuilder widget : widgets) {
            array.add(widget);
        }
        return Json.createObjectBuilder().add("slug", slug).add("title", "Widgets " + tag)
                .add("roles", Json.createArrayBuilder().add("end-user")).add("inNavigation", false).add("navOrder", 0)
                .add("widgets", array).build();
    }

    private JsonObjectBuilder widget(String id, String kind, String title, int width, JsonObjectBuilder settings) {
        return Json.createObjectBuilder().add("id", id + "-" + tag).add("kind", kind).add("title", title)
                .add("width", width).add("roles", Json.createArrayBuilder()).add("optional", false)
                .add("settings", settings);
    }

    private HttpResponse<String> storePage(JsonObject page) throws IOException, InterruptedException {
        return send(HttpClient.newHttpClient(), "POST", "/it/widget-page", page.toString());
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Clicks a button of a widget's form over HTTP, as a browser without JavaScript would: the form's hidden fields
     * (its name, the view state), PrimeFaces' CSP nonce and the button's own name and value, posted to the form's
     * action.
     */
    private HttpResponse<String> clickButton(HttpClient user, String page, String formId, String value)
            throws IOException, InterruptedException {
        Matcher form = Pattern.compile("<form id=\"" + formId + "\"[^>]*action=\"([^\"]+)\".*?</form>", Pattern.DOTALL)
                .matcher(page);
        assertTrue(form.find(), "the page has the form " + formId + ": " + page);
        Matcher button = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"" + value + "\"").matcher(form.group());
        assertTrue(button.find(), "the form has the button " + value + ": " + form.group());
        Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(page);
        assertTrue(nonce.find(), "the page has PrimeFaces' CSP nonce");
        String body = HomeSamples.hiddenFields(page, formId) + "&primefaces.nonce="
                + URLEncoder.encode(nonce.group(1), StandardCharsets.UTF_8) + "&"
                + URLEncoder.encode(button.group(1), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        String action = form.group(1).replace("&amp;", "&");
        return user.send(HttpRequest.newBuilder(URI.create(url("/")).resolve(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
