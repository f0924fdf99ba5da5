package org.portico.web.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site admin's app registry and audit log, clicked through in the browser. */
class AppAdminIT extends BrowserTestBase {

    private void openRegisterDialog() {
        openRegisterDialog("Register app");
    }

    private void openRegisterDialog(String title) {
        find("#apps\\:new").click();
        find("#appForm\\:id");
        assertEquals(title, find("#appDialog .ui-dialog-title").getText());
    }

    private void fillApp(String id, String audience, String baseUrl) {
        type("#appForm\\:id", id);
        type("#appForm\\:name", "Billing " + id);
        type("#appForm\\:audience", audience);
        type("#appForm\\:baseUrls", baseUrl);
        find("#appForm\\:save").click();
    }

    @Test
    void adaRegistersAnAppSeesItsSecretOnceAndDisablesIt() throws Exception {
        String id = unique("billing-");
        loginAs("ada", DEMO_PASSWORD);
        clickToNavigate("#nav-apps");
        find("#apps\\:table");

        openRegisterDialog();
        fillApp(id, "https://" + id + ".example", "https://" + id + ".example/app/");

        WebElement secret = find("#secretForm\\:secret");
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("appDialog")));
        String value = secret.getAttribute("value");
        assertAll(
                () -> assertTrue(value.matches("[A-Za-z0-9_-]{43}"), value),
                () -> assertEquals(id, find("#secretApp").getText()));
        find("#secretForm\\:done").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("secretDialog")));
        assertFalse(browser().getPageSource().contains(value), "the secret is gone from the page");

        search("apps", id);
        assertTrue(find("#apps\\:table").getText().contains("https://" + id + ".example/app"), "normalised base URL");
        // Editing says so in the dialog's title, which used to keep saying "Register app".
        find("#apps\\:table\\:0\\:edit").click();
        waitUntil(driver -> id.equals(find("#appForm\\:id").getAttribute("value")));
        assertEquals("Edit app", find("#appDialog .ui-dialog-title").getText());
        find("#appForm\\:cancel").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("appDialog")));
        find("#apps\\:table\\:0\\:toggle").click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#apps\\:table"), "Disabled"));

        // The audit log shows ada's own actions, filtered to this app, and exports them as CSV.
        clickToNavigate("#nav-audit");
        type("#audit\\:target", "app:" + id);
        type("#audit\\:actor", "ada");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        type("#audit\\:from_input", today);
        find("#audit\\:from_input").sendKeys(Keys.ESCAPE); // close the calendar pop-up over the buttons
        find("#audit\\:apply").click();
        waitUntil(driver -> all("#audit\\:table_data > tr").size() == 2);
        String table = find("#audit\\:table").getText();
        assertAll(
                () -> assertTrue(table.contains("APP_DISABLED"), table),
                () -> assertTrue(table.contains("APP_CREATED"), table),
                () -> assertTrue(table.indexOf("APP_DISABLED") < table.indexOf("APP_CREATED"), "newest first"),
                () -> assertFalse(table.contains(value), "never the secret"));

        String csvUrl = find("#audit\\:export").getAttribute("href");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvUrl))
                .header("Cookie", "PORTICO_SESSION=" + sessionCookie()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertAll(
                () -> assertEquals(200, csv.statusCode()),
                () -> assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString()),
                () -> assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\"portico-audit-")),
                () -> assertTrue(csv.body().startsWith("occurred_at,actor,action,target,outcome,client_address,detail\r\n")),
                () -> assertTrue(csv.body().contains(",ada,APP_DISABLED,app:" + id + ",SUCCESS,"), csv.body()),
                () -> assertEquals(3, csv.body().split("\r\n").length, "header and the two filtered rows: " + csv.body()));
    }

    @Test
    void badInputKeepsTheDialogOpenWithMessagesNextToTheFields() {
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/apps.xhtml");
        openRegisterDialog();
        type("#appForm\\:tokenLifetimeSeconds", "5");

        fillApp("Not Valid!", "https://not-valid.example", "ftp://files.example/");

        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("appForm"), "lower-case letters"));
        String form = find("#appForm").getText();
        assertAll(
                () -> assertTrue(form.contains("absolute http(s) URL"), form),
                () -> assertTrue(form.contains("between 30 and 3600 seconds"), form),
                () -> assertEquals("ftp://files.example/", find("#appForm\\:baseUrls").getAttribute("value")),
                () -> assertEquals("Billing Not Valid!", find("#appForm\\:name").getAttribute("value")),
                () -> assertTrue(find("#appDialog").isDisplayed()));
    }

    /**
     * What the registry finds wrong with a field reaches a German admin in German, next to the input: the messages of
     * the app rules come from the bundle, not from English strings.
     */
    @Test
    void aGermanAdminIsToldInGermanWhatIsWrongWithAnApp() {
        browserSpeaking("de-DE,de");
        try {
            loginAs("ada", DEMO_PASSWORD);
            open("/admin/apps.xhtml");
            openRegisterDialog("App registrieren");
            type("#appForm\\:tokenLifetimeSeconds", "5");

            fillApp("Not Valid!", "has space", "https://not-valid.example/");

            waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("appForm"), "Kleinbuchstaben"));
            String form = find("#appForm").getText();
            assertAll(
                    () -> assertTrue(form.contains("Eine App-ID hat 2 bis 63 Zeichen"), form),
                    () -> assertTrue(form.contains("Die Audience besteht aus druckbaren ASCII-Zeichen ohne Leerzeichen"), form),
                    () -> assertTrue(form.contains("Die Token-Lebensdauer muss zwischen 30 und 3600 Sekunden liegen;"
                            + " eingegeben wurden 5."), form),
                    () -> assertFalse(form.contains("lower-case letters"), form),
                    () -> assertTrue(find("#appDialog").isDisplayed()));
        } finally {
            browserSpeaking(Browser.ENGLISH);
        }
    }

    @Test
    void aDeletedAppLeavesTheListAfterAConfirmation() {
        String id = unique("temp-");
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/apps.xhtml");
        openRegisterDialog();
        fillApp(id, "urn:temp:" + id, "https://" + id + ".example");
        find("#secretForm\\:done").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("secretDialog")));
        search("apps", id);

        find("#apps\\:table\\:0\\:delete").click();
        assertEquals(id, find("#deleteApp").getText());
        find("#deleteForm\\:confirm").click();

        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("deleteDialog")));
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#apps\\:table"), "No apps match"));
        assertTrue(find("#apps\\:growl_container").getText().contains("App '" + id + "' was deleted."));
    }

    /**
     * A browser that asks for German (Accept-Language, which the view's locale follows) sees the app registry in
     * German: the list, the dialog, the one-time secret and the message after the change.
     */
    @Test
    void aGermanBrowserSeesTheAppRegistryInGerman() throws Exception {
        browserSpeaking("de-DE,de");
        try {
            String id = unique("de-");
            loginAs("ada", DEMO_PASSWORD);
            open("/admin/apps.xhtml");
            String table = find("#apps\\:table").getText();
            assertAll(
                    () -> assertTrue(table.contains("Aktionen"), table),
                    () -> assertTrue(table.contains("Aktiv"), table),
                    () -> assertEquals("App registrieren", find("#apps\\:new").getText()));

            openRegisterDialog("App registrieren");
            fillApp(id, "https://" + id + ".example", "https://" + id + ".example/app/");
            find("#secretForm\\:secret");
            waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("appDialog")));
            assertAll(
                    () -> assertTrue(find("#secretForm").getText().contains("Portico speichert nur einen Hash"),
                            find("#secretForm").getText()),
                    () -> assertEquals("Ich habe es kopiert", find("#secretForm\\:done").getText()),
                    () -> assertTrue(find("#apps\\:growl_container").getText()
                            .contains("Die App '" + id + "' wurde registriert.")));
            snapshot("de-secret");
            find("#secretForm\\:done").click();
            waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("secretDialog")));
            search("apps", id);
            snapshot("de-apps");
        } finally {
            browserSpeaking(Browser.ENGLISH);
        }
    }

    @Test
    void usersWithoutTheRoleSeeNeitherPageNorLink() {
        assertAliceSeesNeitherPageNorLink("/admin/apps.xhtml", "#nav-apps", "#nav-audit");
    }

    /** Whether the (visually hidden) checkbox input with this id is checked. */
    private boolean checked(String id) {
        return browser().findElement(By.id(id)).isSelected();
    }

    /**
     * ada lets an app be framed with two sandbox flags; editing shows them again. For an app only on Portico's own
     * origin, scripts together with allow-same-origin are refused next to the flags, in German for a German admin.
     */
    @Test
    void adaAllowsFramingWithChosenSandboxFlags() throws Exception {
        String id = unique("framed-");
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/apps.xhtml");
        openRegisterDialog();
        find("#appForm\\:mayBeFramed .ui-chkbox-box").click();
        find("#appForm\\:sandbox label[for='appForm:sandbox:0']").click(); // allow-scripts
        find("#appForm\\:sandbox label[for='appForm:sandbox:2']").click(); // allow-forms
        snapshot("framing-dialog");
        fillApp(id, "urn:framed:" + id, "https://" + id + ".example/");
        find("#secretForm\\:done").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("secretDialog")));

        search("apps", id);
        find("#apps\\:table\\:0\\:edit").click();
        waitUntil(driver -> id.equals(find("#appForm\\:id").getAttribute("value")));
        assertAll(
                () -> assertTrue(checked("appForm:mayBeFramed_input")),
                () -> assertTrue(checked("appForm:sandbox:0"), "allow-scripts"),
                () -> assertFalse(checked("appForm:sandbox:1"), "allow-same-origin"),
                () -> assertTrue(checked("appForm:sandbox:2"), "allow-forms"));
        find("#appForm\\:cancel").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("appDialog")));

        browserSpeaking("de-DE,de");
        try {
            String own = unique("own-");
            loginAs("ada", DEMO_PASSWORD);
            open("/admin/apps.xhtml");
            openRegisterDialog("App registrieren");
            assertTrue(find("#appForm").getText().contains("Darf eingebettet werden"), find("#appForm").getText());
            find("#appForm\\:mayBeFramed .ui-chkbox-box").click();
            find("#appForm\\:sandbox label[for='appForm:sandbox:0']").click();
            find("#appForm\\:sandbox label[for='appForm:sandbox:1']").click();
            fillApp(own, "urn:own:" + own, url("/" + own + "/"));

            waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("appForm"), "Jede Basis-URL dieser App"));
            snapshot("framing-refused-de");
            assertTrue(find("#appDialog").isDisplayed());
        } finally {
            browserSpeaking(Browser.ENGLISH);
        }
    }
}
