package org.portico.web.it;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The site admin's page editor in Chromium: ada creates a page, places widgets from the catalogue, swaps them by
 * dragging one panel's header onto the other (the PrimeFaces dashboard), resizes one, previews the unsaved draft as an
 * end user, saves, reverts to an earlier version; alice sees the page, someone whose roles it does not list and a guest
 * get "not found". What is saved is read back through {@link PageEditsServlet}, which also plays the other admin whose
 * save makes ada's stale.
 */
class PageEditorIT extends BrowserTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void adaComposesAPageByDragAndDropPreviewsSavesRevertsAndAliceSeesIt() throws Exception {
        String slug = unique("team-");
        loginAs("ada", DEMO_PASSWORD);
        clickToNavigate("#nav-pages");
        createPage(slug, "Team " + slug, true);

        String welcome = addCmsBlock("Welcome", "welcome");
        String links = addLinksList("Shortcuts", "Invoice 42", "invoice", "id=42");
        assertEquals(List.of(welcome, links), panelOrder());
        assertTrue(panelOf(welcome).getText().contains("welcome"), "the summary names the block");
        save(1);
        assertEquals(List.of("cms-block", "links-list"), storedKinds(slug));

        // Drag the second panel by its header onto the first: they swap (the dashboard's reorder event).
        WebElement from = find("#editor\\:slot_1 .ui-panel-titlebar");
        WebElement onto = find("#editor\\:slot_0 .ui-panel-titlebar");
        new Actions(browser()).clickAndHold(from).moveByOffset(10, 5).moveToElement(onto).moveByOffset(5, 2)
                .release().perform();
        waitUntil(driver -> find("#editor\\:dirty").getText().contains("Unsaved")); // the reorder event's answer
        waitUntil(driver -> panelOrder().equals(List.of(links, welcome)));

        // Resize: the welcome block, now second, from the full row to 8 of 12.
        find("#editor\\:narrower_1").click();
        waitUntil(driver -> panelOf(welcome).getText().contains("width 8/12"));

        // Preview the unsaved draft as an end user, in its own tab, rendered by the live pages' widget grid.
        String editorTab = browser().getWindowHandle();
        find("#preview").click();
        waitUntil(driver -> driver.getWindowHandles().size() == 2);
        String previewTab = browser().getWindowHandles().stream().filter(h -> !h.equals(editorTab)).findFirst().orElseThrow();
        browser().switchTo().window(previewTab);
        assertAll(
                () -> assertTrue(find("#previewBanner").getText().contains("End-user")),
                () -> assertTrue(find("#widget-" + welcome).getAttribute("class").contains("portico-span-8"),
                        "the draft's width, not the saved one"),
                () -> assertTrue(find("#widget-" + welcome).getText().contains("Welcome")));
        snapshot("preview");
        browser().close();
        browser().switchTo().window(editorTab);
        assertEquals(List.of("cms-block", "links-list"), storedKinds(slug), "nothing saved before Save");

        save(2);
        JsonObject saved = stored(slug);
        assertEquals(List.of("links-list", "cms-block"), kinds(saved));
        assertEquals(8, saved.getJsonObject("page").getJsonArray("widgets").getJsonObject(1).getInt("width"));
        snapshot("arranged");

        // Revert to version 1 (the first order, full width), after a confirmation.
        find("#versions\\:table_data tr:nth-child(2) button[id$='revert']").click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("revertConfirm"), "1"));
        find("#revertForm\\:confirm").click();
        waitUntil(driver -> find("#editor\\:dirty").getText().contains("version 3"));
        assertEquals(List.of(welcome, links), panelOrder());
        assertEquals(List.of("cms-block", "links-list"), storedKinds(slug));
        assertEquals(3, stored(slug).getInt("revision"));

        // alice (end-user) sees the page, with its welcome block, and in the navigation.
        logout();
        loginAs("alice", DEMO_PASSWORD);
        assertTrue(present("#main-nav a[data-page='" + slug + "']"));
        open("/p/" + slug);
        assertAll(
                () -> assertEquals("Team " + slug, find("#page-title").getText()),
                () -> assertTrue(find("#widget-" + welcome).isDisplayed()));
        snapshot("alice");
        assertFalse(present("#nav-pages"));
        open("/admin/pages.xhtml");
        assertTrue(find("main#content").getText().contains("Page not found"), "the editor is for site admins only");

        // Someone whose roles the page does not list, and a guest: not found.
        post("/it/page-edits", "user=cleo");
        open("/home.xhtml"); // logging out from a /p/ page ends on "not found" (see the report): from home
        logout();
        loginAs("cleo", DEMO_PASSWORD);
        open("/p/" + slug);
        assertTrue(find("main#content").getText().contains("Page not found"));
        browser().manage().deleteAllCookies();
        open("/p/" + slug);
        assertTrue(find("main#content").getText().contains("Page not found"));
    }

    @Test
    void aBadSettingShowsItsMessageNextToItsInputAndTheWidgetIsNotPlaced() throws Exception {
        String slug = unique("bad-");
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/pages.xhtml");
        createPage(slug, "Bad " + slug, false);

        find("#editor\\:add-cms-block").click();
        type("#widgetForm\\:block", "Not A Block!");
        find("#widgetForm\\:apply").click();
        WebElement message = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//input[@id='widgetForm:block']/following-sibling::*[contains(@class,'ui-message-error')]")));
        assertFalse(message.getText().isBlank());
        assertTrue(find("#widgetDialog").isDisplayed(), "the dialog stays open with what was typed");
        assertEquals("Not A Block!", find("#widgetForm\\:block").getAttribute("value"));
        snapshot("bad-setting");
        find("#widgetForm\\:cancel").click();
        assertTrue(panelOrder().isEmpty());

        // A page refused on save (an empty title): the message next to the page's own input, nothing stored.
        type("#editor\\:title", " ");
        find("#editor\\:save").click();
        WebElement titleMessage = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//input[@id='editor:title']/following-sibling::*[contains(@class,'ui-message-error')]")));
        assertTrue(titleMessage.getText().contains("must not be empty"), titleMessage.getText());
        assertEquals("Bad " + slug, stored(slug).getJsonObject("page").getString("title"));
    }

    @Test
    void aStaleSaveSaysWhoChangedThePageAndOffersReloadAndOverwrite() throws Exception {
        String slug = unique("stale-");
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/pages.xhtml");
        createPage(slug, "Stale " + slug, false);
        String welcome = addCmsBlock("Hello", "welcome");

        assertEquals("1", post("/it/page-edits", "slug=" + slug + "&by=grace"));
        find("#editor\\:save").click();
        WebElement stale = find("#staleMessage");
        assertTrue(stale.getText().contains("changed by grace at"), stale.getText());
        assertTrue(find("#editor\\:reload").isDisplayed());
        snapshot("stale");
        assertTrue(storedKinds(slug).isEmpty(), "the other save stands");

        find("#editor\\:overwrite").click();
        waitUntil(driver -> find("#editor\\:dirty").getText().contains("version 2"));
        assertEquals(List.of("cms-block"), storedKinds(slug));
        assertEquals(List.of(welcome), panelOrder());
        assertFalse(present("#staleMessage"));
    }

    @Test
    void theEditorSpeaksGerman() throws Exception {
        browserSpeaking("de-DE,de");
        try {
            loginAs("ada", DEMO_PASSWORD);
            assertEquals("Seiten", find("#nav-pages").getText());
            clickToNavigate("#nav-pages");
            assertAll(
                    () -> assertEquals("Seiten", find("main#content h1").getText()),
                    () -> assertEquals("Neue Seite", find("#pages\\:new").getText()),
                    () -> assertTrue(find("#pages\\:table").getText().contains("Wer sie sehen darf")));
            clickToNavigate("#pages\\:table a[id$='edit']");
            assertTrue(find("#editor").getText().contains("Widget hinzufügen"));
            assertTrue(find("#versions").getText().contains("Gespeichert von"));
            snapshot("german");
        } finally {
            browserSpeaking(Browser.ENGLISH);
        }
    }

    // ---- steps ---------------------------------------------------------------------------------------------

    /** Creates a page for end users through the list's dialog, which leads into its editor. */
    private void createPage(String slug, String title, boolean inNavigation) {
        find("#pages\\:new").click();
        type("#createForm\\:slug", slug);
        type("#createForm\\:title", title);
        if (!inNavigation) {
            find("#createForm\\:inNavigation .ui-chkbox-box").click();
        }
        WebElement create = find("#createForm\\:create");
        andWaitForNewPage(create::click);
        waitUntil(driver -> path().startsWith("/admin/page-editor.xhtml?slug=" + slug));
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("editor:board")));
    }

    private String addCmsBlock(String title, String block) {
        int before = panelOrder().size();
        find("#editor\\:add-cms-block").click();
        type("#widgetForm\\:title", title);
        type("#widgetForm\\:block", block);
        return apply(before);
    }

    private String addLinksList(String title, String label, String route, String params) {
        int before = panelOrder().size();
        find("#editor\\:add-links-list").click();
        type("#widgetForm\\:title", title);
        type("#widgetForm\\:links\\:0\\:label", label);
        choose("widgetForm:links:0:route", route);
        type("#widgetForm\\:links\\:0\\:params", params);
        return apply(before);
    }

    /** "Apply" of the configure dialog; the id of the widget it placed. */
    private String apply(int before) {
        find("#widgetForm\\:apply").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("widgetDialog")));
        waitUntil(driver -> panelOrder().size() == before + 1);
        List<String> order = panelOrder();
        return order.get(order.size() - 1);
    }

    private void save(int revision) {
        find("#editor\\:save").click();
        waitUntil(driver -> find("#editor\\:dirty").getText().contains("version " + revision));
    }

    /** The widget ids of the dashboard's panels, in the order shown. */
    private List<String> panelOrder() {
        return all("#editor\\:board .portico-editor-kind").stream().map(e -> e.getAttribute("data-widget")).toList();
    }

    private WebElement panelOf(String widgetId) {
        return find("#editor\\:board .ui-panel:has(.portico-editor-kind[data-widget='" + widgetId + "'])");
    }

    /** Picks an item of a PrimeFaces select menu as a keyboard user does (see RouteAdminIT). */
    private void choose(String menuId, String labelStart) {
        String escaped = menuId.replace(":", "\\:");
        find("#" + escaped).click();
        new Actions(browser()).sendKeys(labelStart).sendKeys(Keys.ENTER).perform();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id(menuId + "_panel")));
        waitUntil(driver -> find("#" + escaped + "_label").getText().startsWith(labelStart));
    }

    private JsonObject stored(String slug) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/it/page-edits?slug=" + slug))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private List<String> storedKinds(String slug) throws Exception {
        return kinds(stored(slug));
    }

    private static List<String> kinds(JsonObject stored) {
        return stored.getJsonObject("page").getJsonArray("widgets").getValuesAs(JsonObject.class).stream()
                .map(widget -> widget.getString("kind")).toList();
    }

    private String post(String path, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, response.statusCode() + " " + response.body());
        return response.body();
    }
}
