package org.portico.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;

/**
 * A user's own home page, in Chromium: alice hides a widget, adds an optional one and drags one above another in
 * "Customise"; after logging out and in her page is still so; the admin's later changes still reach her (a widget
 * added appears, one removed vanishes); "Reset to default" shows the admin's layout again. The home page is shared by
 * every test of the run, so the admin's widgets are added with fresh ids and the page is put back afterwards.
 */
class PersonalHomeIT extends BrowserTestBase {

    private HttpClient ada;
    /** The home page as it was before the test, to put back. */
    private JsonObject original;
    private String news;
    private String tips;
    private String extra;
    private String later;

    @BeforeEach
    void theAdminPutsThreeWidgetsOnTheHomePage() throws Exception {
        ada = FormLogin.loggedIn(url(""), "ada", DEMO_PASSWORD);
        original = home();
        String tag = unique("");
        news = "news-" + tag;
        tips = "tips-" + tag;
        extra = "extra-" + tag;
        later = "later-" + tag;
        JsonArrayBuilder widgets = Json.createArrayBuilder(original.getJsonArray("widgets"))
                .add(widget(news, "News", false))
                .add(widget(tips, "Tips", false))
                .add(widget(extra, "Extra", true));
        saveHome(Json.createObjectBuilder(original).add("widgets", widgets).build());
    }

    @AfterEach
    void theHomePageIsPutBack() throws Exception {
        saveHome(original);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static JsonObject widget(String id, String title, boolean optional) {
        return Json.createObjectBuilder().add("id", id).add("kind", "cms-block").add("title", title).add("width", 4)
                .add("roles", Json.createArrayBuilder()).add("optional", optional)
                .add("settings", Json.createObjectBuilder().add("block", "welcome")).build();
    }

    private JsonObject home() throws IOException, InterruptedException {
        HttpResponse<String> home = ada.send(HttpRequest.newBuilder(URI.create(url("/api/admin/pages/home")))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, home.statusCode(), home.body());
        return json(home);
    }

    /** Saves the home page with these fields through the REST API, on its current revision, as ada. */
    private void saveHome(JsonObject page) throws IOException, InterruptedException {
        String etag = "\"" + home().getJsonNumber("revision").longValue() + "\"";
        String body = Json.createObjectBuilder(page).remove("revision").remove("updatedAt").remove("updatedBy")
                .build().toString();
        HttpResponse<String> saved = ada.send(HttpRequest.newBuilder(URI.create(url("/api/admin/pages/home")))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .header("If-Match", etag).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, saved.statusCode(), saved.body());
    }

    /** The admin changes the home page's widgets: drops one and adds one at the end. */
    private void adminDropsAndAdds(String dropped, JsonObject added) throws IOException, InterruptedException {
        JsonObject page = home();
        JsonArrayBuilder widgets = Json.createArrayBuilder();
        page.getJsonArray("widgets").stream().map(JsonValue::asJsonObject)
                .filter(widget -> !widget.getString("id").equals(dropped)).forEach(widgets::add);
        saveHome(Json.createObjectBuilder(page).add("widgets", widgets.add(added)).build());
    }

    /** The ids of this test's widgets on the grid, in the order the page shows them. */
    private List<String> mine() {
        List<String> ids = List.of(news, tips, extra, later);
        return all("article.portico-widget").stream().map(card -> card.getAttribute("data-widget"))
                .filter(ids::contains).toList();
    }

    /** The ids of this test's widgets that "Customise" offers to add (the demo home page offers its own too). */
    private List<String> offered() {
        List<String> ids = List.of(news, tips, extra, later);
        return all("#addable li").stream().map(item -> item.getAttribute("data-widget")).filter(ids::contains).toList();
    }

    /**
     * Opens "Customise" (if the page did not open it after a change) and waits for its content: the page leaves it out
     * and the dialog loads it when it opens.
     */
    private void openCustomise() {
        if (!browser().findElement(By.id("customiseDialog")).isDisplayed()) {
            find("#customiseButton").click();
        }
        find("#customise\\:done");
    }

    /** Clicks the button of the widget in a list of the dialog ("shown", "addable"): the page loads again. */
    private void clickInList(String list, String widgetId) {
        openCustomise();
        WebElement button = find("#" + list + " li[data-widget='" + widgetId + "'] button");
        andWaitForNewPage(button::click);
        find("#customiseDialog");
    }

    /**
     * Drags the widget above another in the dialog's order list, with the mouse as a person would (press, move in
     * steps, release): the list saves the order and the page loads again.
     */
    private void dragAbove(String widgetId, String aboveId) {
        openCustomise();
        WebElement source = find("#customise\\:order li[data-item-value='" + widgetId + "']");
        WebElement target = find("#customise\\:order li[data-item-value='" + aboveId + "']");
        int sourceMiddle = source.getRect().getY() + source.getRect().getHeight() / 2;
        int distance = target.getRect().getY() + 2 - sourceMiddle;
        andWaitForNewPage(() -> {
            Actions drag = new Actions(browser()).clickAndHold(source).moveByOffset(0, -3).pause(100);
            for (int step = 1; step <= 5; step++) {
                drag.moveByOffset(0, distance / 5).pause(100);
            }
            drag.moveByOffset(0, -3).pause(200).release().perform();
        });
        find("#customiseDialog");
    }

    // ---- the story -----------------------------------------------------------------------------------------

    @Test
    void aliceArrangesHerHomePageKeepsItAcrossLoginsAndStillGetsTheAdminsChanges() throws Exception {
        loginAs("alice", DEMO_PASSWORD);
        List<String> asTheAdminSetItUp = mine();
        boolean contentBeforeOpening = !all("#customise").isEmpty();
        openCustomise();
        snapshot("dialog");
        List<String> offeredToAdd = offered();

        clickInList("shown", news);
        List<String> afterHiding = mine();
        boolean hiddenOneAddable = present("#addable li[data-widget='" + news + "']");

        clickInList("addable", extra);
        List<String> afterAdding = mine();

        dragAbove(extra, tips);
        List<String> afterDragging = mine();
        List<String> orderInDialog = all("#customise\\:order li.ui-orderlist-item").stream()
                .map(item -> item.getAttribute("data-item-value")).filter(List.of(extra, tips)::contains).toList();

        find("#customise\\:done").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ui-widget-overlay")));
        logout();
        loginAs("alice", DEMO_PASSWORD);
        List<String> afterLoggingInAgain = mine();

        adminDropsAndAdds(tips, widget(later, "Later", false));
        open("/home.xhtml");
        find("#greeting");
        List<String> afterTheAdminsChange = mine();

        openCustomise();
        andWaitForNewPage(find("#customise\\:reset")::click);
        String resetMessage = find("#customise\\:messages").getText();
        List<String> afterReset = mine();

        assertAll(
                () -> assertEquals(List.of(news, tips), asTheAdminSetItUp, "the optional widget is not shown"),
                () -> assertFalse(contentBeforeOpening, "the dialog's content loads when it opens, not with the page"),
                () -> assertEquals(List.of(extra), offeredToAdd, "optional widgets are offered"),
                () -> assertEquals(List.of(tips), afterHiding),
                () -> assertTrue(hiddenOneAddable, "a hidden widget can be shown again"),
                () -> assertEquals(List.of(tips, extra), afterAdding, "an added widget comes at the admin's place"),
                () -> assertEquals(List.of(extra, tips), afterDragging, "dragged above"),
                () -> assertEquals(List.of(extra, tips), orderInDialog),
                () -> assertEquals(List.of(extra, tips), afterLoggingInAgain, "kept across logins"),
                () -> assertEquals(List.of(extra, later), afterTheAdminsChange,
                        "the admin's new widget appears, the removed one vanishes, alice's changes stay"),
                () -> assertTrue(resetMessage.contains("Your home page shows the default layout again."), resetMessage),
                () -> assertEquals(List.of(news, later), afterReset, "the admin's layout again"),
                () -> assertFalse(present("#addable li[data-widget='" + news + "']")));
    }

    /**
     * The dialog was opened before the admin removed a widget: hiding it then changes nothing else (the button names
     * its widget, not its row, which now holds another one) and alice is told.
     */
    @Test
    void aWidgetTheAdminRemovedWhileTheDialogWasOpenIsLeftAloneAndAliceIsTold() throws Exception {
        loginAs("alice", DEMO_PASSWORD);
        openCustomise();
        WebElement hideNews = find("#shown li[data-widget='" + news + "'] button");

        adminDropsAndAdds(news, widget(later, "Later", false));
        andWaitForNewPage(hideNews::click);
        String message = find("#customise\\:messages").getText();

        assertAll(
                () -> assertTrue(message.contains("That widget is not on your home page any more"), message),
                () -> assertEquals(List.of(tips, later), mine(), "nothing else hidden"),
                () -> assertEquals(List.of(extra), offered()));
    }
}
