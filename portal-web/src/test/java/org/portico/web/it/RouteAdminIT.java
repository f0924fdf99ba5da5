package org.portico.web.it;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site admin's link routes, clicked through in the browser. */
class RouteAdminIT extends BrowserTestBase {

    /**
     * Picks an item of a PrimeFaces select menu the way a keyboard user does: open it, type the start of the item's
     * label, press Enter. (Clicking items proved flaky: PrimeFaces closes an open menu when the dialog scrolls.)
     */
    private void choose(String menuId, String labelStart) {
        String escaped = menuId.replace(":", "\\:");
        find("#" + escaped).click();
        new org.openqa.selenium.interactions.Actions(browser()).sendKeys(labelStart).sendKeys(Keys.ENTER).perform();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id(menuId + "_panel")));
        waitUntil(driver -> find("#" + escaped + "_label").getText().startsWith(labelStart));
    }

    private void waitForText(String cssSelector, String text) {
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(cssSelector), text));
    }

    @Test
    void adaCreatesARouteFixesHerTemplateTriesEditsAndDeletesIt() throws Exception {
        String name = unique("order-");
        loginAs("ada", DEMO_PASSWORD);
        clickToNavigate("#nav-routes");
        find("#routes\\:table");

        // A new route with two parameters: a number, and an optional choice.
        find("#routes\\:new").click();
        type("#routeForm\\:name", name);
        assertEquals("New route", find("#routeDialog .ui-dialog-title").getText());
        type("#routeForm\\:description", "An order in the demo app");
        find("#routeForm\\:addParameter").click();
        type("#routeForm\\:parameters\\:0\\:name", "id");
        choose("routeForm:parameters:0:type", "int");
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("routeForm:parameters:0:maxLength")));
        find("#routeForm\\:addParameter").click();
        type("#routeForm\\:parameters\\:1\\:name", "tab");
        choose("routeForm:parameters:1:type", "enum");
        type("#routeForm\\:parameters\\:1\\:values", "lines\nhistory");
        find("#routeForm\\:parameters\\:1\\:required .ui-chkbox-box").click();

        // The app's base URL starts the template; a placeholder that names no parameter is refused.
        choose("routeForm:appId", "demo-app");
        waitUntil(driver -> !find("#routeForm\\:template").getAttribute("value").isEmpty());
        String base = find("#routeForm\\:template").getAttribute("value");
        type("#routeForm\\:template", base + "orders/{orderId}?tab={tab}");
        find("#routeForm\\:save").click();

        waitForText("#routeForm", "is not a declared parameter");
        assertAll(
                () -> assertTrue(find("#routeForm\\:template").findElement(By.xpath("..")).getText()
                        .contains("{orderId} is not a declared parameter"), "the message is next to the template"),
                () -> assertEquals(base + "orders/{orderId}?tab={tab}", find("#routeForm\\:template").getAttribute("value")),
                () -> assertEquals(name, find("#routeForm\\:name").getAttribute("value")),
                () -> assertEquals("id", find("#routeForm\\:parameters\\:0\\:name").getAttribute("value")),
                () -> assertEquals("lines\nhistory", find("#routeForm\\:parameters\\:1\\:values").getAttribute("value")),
                () -> assertTrue(find("#routeDialog").isDisplayed()));
        ((org.openqa.selenium.JavascriptExecutor) browser()).executeScript(
                "arguments[0].scrollIntoView({block: 'center'})", find("#routeForm\\:template"));
        snapshot("1-template-refused");

        type("#routeForm\\:template", base + "orders/{id}?tab={tab}");
        find("#routeForm\\:save").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("routeDialog")));
        assertTrue(find("#routes\\:growl_container").getText().contains("Route '" + name + "' was created."));

        search("routes", name);
        snapshot("0-created");
        String row = find("#routes\\:table\\:0\\:sample").getText();
        assertAll(
                () -> assertEquals("/link/" + name + "/42", row, "the optional parameter is left out"),
                () -> assertTrue(find("#routes\\:table").getText().contains("id: int, tab: enum?")));

        // Try it: the number is pre-filled, the link follows the values and opens in a new tab.
        find("#routes\\:table\\:0\\:try").click();
        assertEquals("42", find("#tryForm\\:values\\:0\\:value").getAttribute("value"));
        type("#tryForm\\:values\\:0\\:value", "7");
        waitForText("#tryHref", "/link/" + name + "/7");
        choose("tryForm:values:1:choice", "history");
        waitForText("#tryHref", "/link/" + name + "/7/history");
        snapshot("2-try-it");
        WebElement open = find("#tryForm\\:open");
        assertAll(
                () -> assertEquals("_blank", open.getAttribute("target")),
                () -> assertTrue(open.getAttribute("href").endsWith("/link/" + name + "/7/history"), open.getAttribute("href")));
        String portico = browser().getWindowHandle();
        open.click();
        waitUntil(driver -> driver.getWindowHandles().size() == 2);
        List<String> tabs = new ArrayList<>(browser().getWindowHandles());
        tabs.remove(portico);
        browser().switchTo().window(tabs.get(0));
        // Following it: a 303 into the demo app (registered under this server's address, not deployed in this class),
        // with a link token for ada that Portico's live JWKS verifies.
        String landing = url("/demo-app/orders/7?tab=history#portico_token=");
        waitUntil(driver -> driver.getCurrentUrl().startsWith(landing));
        String token = browser().getCurrentUrl().substring(landing.length());
        jakarta.json.JsonObject verified = JoseVerifier.verify(url("/.well-known/jwks.json"), url(""),
                url("/demo-app"), "link+jwt", token);
        jakarta.json.JsonObject claims = verified.getJsonObject("claims");
        assertAll(
                () -> assertTrue(verified.getBoolean("verified"), verified.toString()),
                () -> assertEquals("ada", claims.getString("sub")),
                () -> assertEquals(name, claims.getString("route")),
                () -> assertEquals("7", claims.getJsonObject("params").getString("id")),
                () -> assertEquals("history", claims.getJsonObject("params").getString("tab")));
        browser().close();
        browser().switchTo().window(portico);
        find("#tryForm\\:close").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("tryDialog")));

        // Edit: the dialog shows what was saved; the change reaches the table.
        find("#routes\\:table\\:0\\:edit").click();
        waitUntil(driver -> name.equals(find("#routeForm\\:name").getAttribute("value")));
        assertAll(
                () -> assertEquals("Edit route", find("#routeDialog .ui-dialog-title").getText(), "the title follows the form"),
                () -> assertFalse(find("#routeForm\\:name").isEnabled(), "a route keeps its name"),
                () -> assertEquals(base + "orders/{id}?tab={tab}", find("#routeForm\\:template").getAttribute("value")));
        type("#routeForm\\:description", "An order, with its history");
        find("#routeForm\\:save").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("routeDialog")));
        waitForText("#routes\\:table", "An order, with its history");

        // Delete, after saying so in the dialog.
        find("#routes\\:table\\:0\\:delete").click();
        assertEquals(name, find("#deleteRoute").getText());
        find("#deleteForm\\:confirm").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("deleteDialog")));
        waitForText("#routes\\:table", "No routes match");
        assertTrue(find("#routes\\:growl_container").getText().contains("Route '" + name + "' was deleted."));
    }

    /** "Try it" says what is wrong with a value in the admin's language: the deep-link core's text from the bundle. */
    @Test
    void tryItTellsAGermanAdminInGermanWhatIsWrongWithAValue() {
        browserSpeaking("de-DE,de");
        try {
            loginAs("ada", DEMO_PASSWORD);
            open("/admin/routes.xhtml");
            // The demo route "invoice" by its target: other ITs add routes named or leading to "…invoice…".
            search("routes", "demo-app/invoices/");
            find("#routes\\:table\\:0\\:try").click();
            type("#tryForm\\:values\\:0\\:value", "abc");

            waitForText("#tryForm\\:values\\:0\\:problem", "muss eine ganze Zahl sein");
            String problem = find("#tryForm\\:values\\:0\\:problem").getText();
            assertAll(
                    () -> assertTrue(problem.startsWith("Parameter „"), problem),
                    () -> assertFalse(problem.contains("must be"), problem));
        } finally {
            browserSpeaking(Browser.ENGLISH);
        }
    }

    /** The form's inputs say which field they hold, so a problem of the second parameter shows in its own row. */
    @Test
    void aProblemOfOneParameterShowsInThatParametersRow() {
        newRouteWithIdDeclaredTwice("twice-");
        find("#routeForm\\:save").click();

        waitForText("#routeForm", "is declared twice");
        assertAll(
                () -> assertTrue(find("#routeForm\\:parameters\\:1\\:row").getText().contains("'id' is declared twice"),
                        find("#routeForm\\:parameters\\:1\\:row").getText()),
                () -> assertFalse(find("#routeForm\\:parameters\\:0\\:row").getText().contains("declared twice")),
                () -> assertFalse(browser().findElement(By.id("routeForm:routeDialogMessages")).getText()
                        .contains("declared twice"), "not at the top of the dialog"),
                () -> assertTrue(find("#routeDialog").isDisplayed()));
    }

    /**
     * A browser that asks for German sees the route form's problems in German, next to their inputs: the core's (a
     * parameter declared twice, a placeholder that names no parameter) read as sentences in the view's language.
     */
    @Test
    void aGermanBrowserSeesTheRouteProblemsInGerman() throws Exception {
        browserSpeaking("de-DE,de");
        try {
            newRouteWithIdDeclaredTwice("zweimal-");
            String base = find("#routeForm\\:template").getAttribute("value");
            type("#routeForm\\:template", base + "orders/{orderId}");
            find("#routeForm\\:save").click();

            waitForText("#routeForm", "ist zweimal deklariert");
            assertAll(
                    () -> assertTrue(find("#routeForm\\:parameters\\:1\\:row").getText()
                            .contains("\u201eid\u201c ist zweimal deklariert."),
                            find("#routeForm\\:parameters\\:1\\:row").getText()),
                    () -> assertTrue(find("#routeForm\\:template").findElement(By.xpath("..")).getText()
                            .contains("{orderId} ist kein deklarierter Parameter."),
                            find("#routeForm\\:template").findElement(By.xpath("..")).getText()),
                    () -> assertFalse(find("#routeForm").getText().contains("is declared twice"), "no English"),
                    () -> assertTrue(find("#routeDialog").isDisplayed()));
            ((org.openqa.selenium.JavascriptExecutor) browser()).executeScript(
                    "arguments[0].scrollIntoView({block: 'center'})", find("#routeForm\\:parameters\\:1\\:row"));
            snapshot("de-problems");
        } finally {
            browserSpeaking(Browser.ENGLISH);
        }
    }

    /** As ada, opens the new-route dialog with two parameters both named "id", the demo app as the target. */
    private void newRouteWithIdDeclaredTwice(String namePrefix) {
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/routes.xhtml");
        find("#routes\\:new").click();
        type("#routeForm\\:name", unique(namePrefix));
        find("#routeForm\\:addParameter").click();
        type("#routeForm\\:parameters\\:0\\:name", "id");
        find("#routeForm\\:addParameter").click();
        type("#routeForm\\:parameters\\:1\\:name", "id");
        choose("routeForm:appId", "demo-app");
        waitUntil(driver -> !find("#routeForm\\:template").getAttribute("value").isEmpty());
    }

    @Test
    void theDemoRoutesAreListedWithTheirSampleLinks() throws Exception {
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/routes.xhtml");
        find("#routes\\:table");
        snapshot("3-demo-routes");
        search("routes", "ticket");
        String table = find("#routes\\:table").getText();
        assertAll(
                () -> assertEquals("/link/ticket/{key}", find("#routes\\:table\\:0\\:sample").getText()),
                () -> assertTrue(table.contains("demo-app"), table),
                () -> assertTrue(table.contains("key: pattern"), table));
        // A Portico page for guests, too.
        search("routes", "home");
        assertAll(
                () -> assertTrue(find("#routes\\:table").getText().contains("Portico page")),
                () -> assertTrue(find("#routes\\:table").getText().contains("Guests too")));
    }

    @Test
    void tryingAOneTimeRouteMintsALinkThatWorksOnce() throws Exception {
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/routes.xhtml");
        search("routes", "welcome-offer");
        find("#routes\\:table\\:0\\:try").click();
        waitForText("#tryHref", "(not minted yet)");
        assertFalse(present("#tryForm\\:open"), "nothing to open before a link is minted");

        find("#tryForm\\:mint").click();
        waitUntil(driver -> find("#tryHref").getText().contains("/link/welcome-offer?_ticket="));
        String minted = find("#tryHref").getText();
        find("#tryForm\\:mint").click();
        waitUntil(driver -> !find("#tryHref").getText().equals(minted));
        String second = find("#tryForm\\:open").getAttribute("href");
        snapshot("4-try-one-time");
        assertTrue(second.contains("/link/welcome-offer?_ticket="), second);

        browser().get(second);
        waitUntil(driver -> driver.getCurrentUrl().startsWith(url("/demo-app/offers/welcome#portico_token=ey")));
        browser().get(second);
        assertEquals("replayed", find("#link-problem").getAttribute("data-outcome"));
    }

    @Test
    void usersWithoutTheRoleSeeNeitherPageNorLink() {
        assertAliceSeesNeitherPageNorLink("/admin/routes.xhtml", "#nav-routes");
    }
}
