package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The site admin's CMS sources, clicked through in Chromium: ada adds a Strapi source at a loopback port where nothing
 * listens — refused first for a bad id and address, then for the internal host, with everything typed kept — sees its
 * webhook secret once, tests the connection (not reached: why, and how long it took), edits it keeping the stored
 * token, disables it, renews the webhook secret and deletes it. A change made meanwhile is said with who and when, and
 * "Reload" shows it. Neither an end user nor a content editor finds the page.
 */
class CmsSourcesUiIT extends BrowserTestBase {

    /** A loopback port where nothing listens (taken from the system, then let go): the source is never reached. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void openSources() {
        loginAs("ada", DEMO_PASSWORD);
        clickToNavigate("#nav-cms-sources");
        find("#sources\\:table");
    }

    private void openAddDialog() {
        find("#sources\\:new").click();
        find("#sourceForm\\:id");
        assertEquals("Add source", find("#sourceDialog .ui-dialog-title").getText());
    }

    private void chooseStrapi() {
        find("#sourceForm\\:type label[for='sourceForm:type:1']").click();
        waitUntil(d -> "pages".equals(find("input[data-option='pageCollection']").getAttribute("value")));
    }

    private void save() {
        find("#sourceForm\\:save").click();
    }

    /** Waits until the answer to Save has been taken in (the button is enabled again, the dialog has scrolled). */
    private void answered() {
        waitUntil(d -> find("#sourceForm\\:save").isEnabled()
                && !find("#sourceForm\\:save").getAttribute("class").contains("ui-state-disabled"));
    }

    private String value(String cssSelector) {
        return find(cssSelector).getAttribute("value");
    }

    /** The index of the source's row in the list, once it shows. */
    private int row(String id) {
        return waitUntil(d -> {
            List<WebElement> rows = all("#sources\\:table_data > tr");
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).getText().contains(id)) {
                    return i;
                }
            }
            return null;
        });
    }

    private String rowText(String id) {
        return all("#sources\\:table_data > tr").get(row(id)).getText();
    }

    private void click(String id, String button) {
        find("#sources\\:table\\:" + row(id) + "\\:" + button).click();
    }

    /** The secret in the one-time dialog; "I have copied it" closes it, and the page no longer holds it. */
    private String takeSecret() {
        String secret = waitUntil(d -> {
            String shown = find("#secretForm\\:secret").getAttribute("value");
            return shown == null || shown.isEmpty() ? null : shown;
        });
        find("#secretForm\\:done").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("secretDialog")));
        assertFalse(browser().getPageSource().contains(secret), "the secret is gone from the page");
        return secret;
    }

    @Test
    void adaAddsTestsEditsDisablesRenewsAndDeletesAStrapiSource() throws Exception {
        String id = unique("docs-");
        String baseUrl = "http://127.0.0.1:" + closedPort() + "/";
        openSources();

        // Bad input: every field's problem next to it, at once, and what was typed stays (the token too).
        openAddDialog();
        chooseStrapi();
        type("#sourceForm\\:id", "Bad Id!");
        type("#sourceForm\\:name", "Team docs");
        type("#sourceForm\\:baseUrl", "ftp://cms.example/");
        type("#sourceForm\\:credential", "strapi-token-for-the-test");
        save();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("sourceForm"), "Must be 1 to 32"));
        answered();
        snapshot("refused");
        String refused = find("#sourceForm").getText();
        assertAll(
                () -> assertTrue(refused.contains("Must be 1 to 32 lowercase letters"), refused),
                () -> assertTrue(refused.contains("Must be an http or https address"), refused),
                () -> assertEquals("Bad Id!", value("#sourceForm\\:id")),
                () -> assertEquals("ftp://cms.example/", value("#sourceForm\\:baseUrl")),
                () -> assertEquals("Team docs", value("#sourceForm\\:name")),
                () -> assertEquals("strapi-token-for-the-test", value("#sourceForm\\:credential"), "the token typed"),
                () -> assertEquals("pages", value("input[data-option='pageCollection']")),
                () -> assertTrue(find("#sourceDialog").isDisplayed()));

        // A loopback address is refused until the source allows an internal host.
        type("#sourceForm\\:id", id);
        type("#sourceForm\\:baseUrl", baseUrl);
        save();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("sourceForm"), "own network"));
        String internal = find("#sourceForm").getText();
        assertAll(
                () -> assertTrue(internal.contains("Is on Portico's own network (127.0.0.1)"), internal),
                () -> assertFalse(internal.contains("Must be 1 to 32"), "the id is fine now: " + internal));
        find("#sourceForm\\:allowInternalHost .ui-chkbox-box").click();
        save();

        // Added: the webhook secret is shown once, with the webhook URL and the header Strapi sends it in.
        find("#secretForm\\:secret");
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("sourceDialog")));
        String secretDialog = find("#secretForm").getText();
        String webhookUrl = value("#secretForm\\:secretWebhookUrl");
        snapshot("secret");
        String first = takeSecret();
        String added = rowText(id);
        assertAll(
                () -> assertTrue(first.matches("[A-Za-z0-9_-]{43}"), first),
                () -> assertTrue(secretDialog.contains("X-Portico-Webhook-Secret"), secretDialog),
                () -> assertEquals(url("/api/cms/webhooks/" + id), webhookUrl),
                () -> assertTrue(find("#sources\\:growl_container").getText().contains("CMS source '" + id + "' was added.")),
                () -> assertTrue(added.contains("Team docs"), added),
                () -> assertTrue(added.contains("Strapi 5"), added),
                () -> assertTrue(added.contains(baseUrl), added),
                () -> assertTrue(added.contains(webhookUrl), added),
                () -> assertTrue(added.contains("5,000 ms · 60 s"), added),
                () -> assertTrue(added.contains("Enabled"), added),
                () -> assertTrue(added.contains("credential stored"), added),
                () -> assertTrue(added.contains("internal host allowed"), added),
                () -> assertTrue(added.contains("ada"), "who changed it last: " + added),
                () -> assertFalse(browser().getPageSource().contains("strapi-token-for-the-test"), "never the token"));

        // "Test connection": not reached, why, and how long it took.
        click(id, "test");
        String outcome = find("#sources\\:checkOutcome").getText();
        String took = find("#sources\\:checkTook").getText();
        String summary = find("#sources\\:checkSummary").getText();
        String problem = find("#sources\\:checkProblem").getText();
        snapshot("test-connection");
        assertAll(
                () -> assertEquals("Not reached", outcome),
                () -> assertTrue(took.matches("took [\\d,]+ ms"), took),
                () -> assertTrue(summary.contains("Strapi at " + baseUrl), summary),
                () -> assertTrue(problem.contains("connection refused at " + baseUrl), problem));

        // Edit: the token field is empty and keeps the stored token.
        click(id, "edit");
        waitUntil(d -> id.equals(value("#sourceForm\\:id")));
        assertAll(
                () -> assertEquals("Edit source", find("#sourceDialog .ui-dialog-title").getText()),
                () -> assertEquals("", value("#sourceForm\\:credential")),
                () -> assertTrue(find("#sourceForm").getText().contains("Leave this empty to keep it")),
                () -> assertTrue(browser().findElement(By.id("sourceForm:allowInternalHost_input")).isSelected()));
        snapshot("edit");
        type("#sourceForm\\:name", "Team docs, edited");
        type("#sourceForm\\:timeoutMillis", "2000");
        save();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("sourceDialog")));
        waitUntil(d -> rowText(id).contains("Team docs, edited"));
        String edited = rowText(id);
        assertAll(
                () -> assertTrue(edited.contains("2,000 ms · 60 s"), edited),
                () -> assertTrue(edited.contains("credential stored"), "the token was kept: " + edited));

        // Disable.
        click(id, "toggle");
        waitUntil(d -> rowText(id).contains("Disabled"));
        assertTrue(find("#sources\\:growl_container").getText().contains("CMS source '" + id + "' was disabled."));

        // A new webhook secret, after a confirmation, shown once.
        click(id, "renew");
        assertEquals(id, find("#renewSource").getText());
        find("#renewForm\\:confirm").click();
        String second = takeSecret();
        assertNotEquals(first, second);
        snapshot("list");

        // Delete, after a confirmation.
        click(id, "delete");
        assertEquals(id, find("#deleteSource").getText());
        find("#deleteForm\\:confirm").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("deleteDialog")));
        waitUntil(d -> !find("#sources\\:table").getText().contains(id));
        assertTrue(find("#sources\\:growl_container").getText().contains("CMS source '" + id + "' was deleted."));
    }

    @Test
    void aChangeMadeMeanwhileIsSaidWithWhoAndWhenAndReloadShowsIt() throws Exception {
        String id = unique("blog-");
        String settings = "\"baseUrl\":\"http://127.0.0.1:" + closedPort() + "/\",\"options\":{\"user\":\"portico\"},"
                + "\"timeoutMillis\":1000,\"freshForSeconds\":60,\"enabled\":true,\"allowInternalHost\":true";
        HttpClient api = FormLogin.loggedIn(url(""), "ada", DEMO_PASSWORD);
        HttpResponse<String> created = send(api, "POST", "/api/admin/cms/sources", "{\"id\":\"" + id
                + "\",\"type\":\"wordpress\",\"name\":\"Team blog\",\"credential\":\"abcd efgh ijkl mnop\","
                + settings + "}", null);
        assertEquals(201, created.statusCode(), created.body());

        openSources();
        click(id, "edit");
        waitUntil(d -> id.equals(value("#sourceForm\\:id")));
        assertEquals("portico", value("input[data-option='user']"));

        // Meanwhile, the same source changed through the API.
        HttpResponse<String> read = send(api, "GET", "/api/admin/cms/sources/" + id, null, null);
        HttpResponse<String> saved = send(api, "PUT", "/api/admin/cms/sources/" + id,
                "{\"name\":\"Renamed meanwhile\"," + settings + "}",
                read.headers().firstValue("ETag").orElseThrow());
        assertEquals(200, saved.statusCode(), saved.body());

        type("#sourceForm\\:name", "Mine");
        save();
        String stale = find("#sourceForm\\:staleMessage").getText();
        answered();
        String typed = value("#sourceForm\\:name");
        snapshot("stale");
        find("#sourceForm\\:reload").click();
        waitUntil(d -> "Renamed meanwhile".equals(value("#sourceForm\\:name")));

        assertAll(
                () -> assertTrue(stale.contains("was changed by ada at"), stale),
                () -> assertEquals("Mine", typed, "nothing typed is lost before ada chooses"),
                () -> assertFalse(present("#sourceForm\\:staleMessage")));
        find("#sourceForm\\:cancel").click();
        send(api, "DELETE", "/api/admin/cms/sources/" + id, null, null);
    }

    /** A German admin reads the page, the dialog and what it refuses in German. */
    @Test
    void aGermanAdminSeesThePageInGerman() throws IOException {
        browserSpeaking("de-DE,de");
        try {
            loginAs("ada", DEMO_PASSWORD);
            clickToNavigate("#nav-cms-sources");
            String page = find("main#content").getText();
            snapshot("de-list");
            find("#sources\\:new").click();
            find("#sourceForm\\:id");
            type("#sourceForm\\:id", "-nein");
            save();
            waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("sourceForm"), "Muss aus 1 bis 32"));
            answered();
            String dialog = find("#sourceForm").getText();
            snapshot("de-refused");
            assertAll(
                    () -> assertTrue(page.contains("CMS-Quellen"), page),
                    () -> assertTrue(page.contains("Inhalte einer Quelle auf einer Portalseite zeigen"), page),
                    () -> assertEquals("Quelle hinzufügen", find("#sourceDialog .ui-dialog-title").getText()),
                    () -> assertTrue(dialog.contains("Anwendungspasswort"), dialog),
                    () -> assertTrue(dialog.contains("Muss eine http- oder https-Adresse"), dialog),
                    () -> assertFalse(dialog.contains("must be"), dialog));
        } finally {
            browserSpeaking(Browser.ENGLISH);
        }
    }

    @Test
    void anEndUserFindsNeitherThePageNorItsLink() {
        assertAliceSeesNeitherPageNorLink("/admin/cms-sources.xhtml", "#nav-cms-sources");
    }

    @Test
    void aContentEditorFindsNeitherThePageNorItsLink() {
        loginAs("eddie", DEMO_PASSWORD);
        assertAll(
                () -> assertTrue(present("#nav-content"), "eddie's own link is there"),
                () -> assertFalse(present("#nav-cms-sources")));
        open("/admin/cms-sources.xhtml");
        assertTrue(find("main#content").getText().contains("Page not found"));
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String json, String ifMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
