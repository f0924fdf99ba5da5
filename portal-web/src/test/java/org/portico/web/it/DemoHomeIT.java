package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The run command's portal as a new user finds it (issue 10, "done means"): the demo data composes alice's home page
 * with every kind of widget, each working — the welcome block, an app tile into the demo app, a data tile listing the
 * demo app's invoices (fetched with a token for alice) as deep links that lead to the invoice, the demo app in a pane
 * that verifies the token it was handed, and deep links to try; ada's page adds an administration tile that leads to
 * the page editor; guests have a page of their own. Screenshots in target/screenshots.
 */
class DemoHomeIT extends BrowserTestBase {

    @Deployment(name = Deployments.DEMO_APP, testable = false)
    static WebArchive demoApp() {
        return Deployments.demoApp();
    }

    @ArquillianResource
    @OperateOnDeployment(Deployments.DEMO_APP)
    URL demoApp;

    @Test
    void alicesHomePageShowsEveryKindOfWidgetWorking() throws Exception {
        loginAs("alice", DEMO_PASSWORD);

        // The data tile loads after the page: its items come from the demo app's API, for alice.
        List<WebElement> invoices = new WebDriverWait(browser(), Duration.ofSeconds(20)).until(driver -> {
            List<WebElement> links = driver.findElements(By.cssSelector("#widget-invoices a.portico-data-tile-link"));
            return links.isEmpty() ? null : links;
        });
        String firstInvoice = invoices.get(0).getAttribute("href");
        WebElement pane = find("#widget-demo-pane iframe");
        snapshot("1-alice-home");
        assertAll(
                () -> assertTrue(find("#widget-welcome").getText().contains("Welcome to Portico")),
                () -> assertTrue(find("#widget-demo-app-tile").getText().contains("Demo App")),
                () -> assertTrue(find("#w-demo-app-tile-link").getAttribute("href").endsWith("/demo-app/")),
                () -> assertTrue(invoices.get(0).getText().contains("Acme GmbH"), invoices.get(0).getText()),
                () -> assertTrue(firstInvoice.matches(".*/link/invoice/\\d+$"), firstInvoice),
                () -> assertTrue(find("#w-try-0").getAttribute("href").endsWith("/link/invoice/42")),
                () -> assertFalse(present("#widget-admin"), "the administration tile is ada's"),
                () -> assertFalse(present("#widget-weekly-report"), "an optional widget waits to be added"),
                () -> assertFalse(pane.getAttribute("src").contains("token"), "no token in the pane's address"));

        // The pane: the demo app, framed from the other loopback name, verified the token Portico handed it.
        browser().switchTo().frame(pane);
        String verified = new WebDriverWait(browser(), Duration.ofSeconds(20)).until(driver -> {
            String text = driver.findElement(By.id("verified-user")).getText();
            return text.startsWith("Verified") || text.startsWith("Not verified") ? text : null;
        });
        browser().switchTo().defaultContent();
        assertTrue(verified.startsWith("Verified: Alice End-User (alice)"), verified);

        // An invoice of the tile is a deep link into the demo app, with alice's signed token.
        open(firstInvoice.substring(firstInvoice.indexOf("/link/")));
        waitUntil(driver -> driver.getCurrentUrl().contains("/demo-app/invoices/"));
        String landed = waitUntil(driver -> {
            String text = driver.findElement(By.tagName("main")).getText();
            return text.contains("Verified: signed by Portico") ? text : null;
        });
        assertTrue(landed.contains("alice"), landed);
    }

    @Test
    void adaAlsoGetsTheAdministrationTileThatLeadsToThePageEditor() throws Exception {
        loginAs("ada", DEMO_PASSWORD);
        WebElement pages = find("#w-admin-0");
        snapshot("2-ada-home");
        clickToNavigate("#w-admin-0");
        assertTrue(path().startsWith("/admin/pages.xhtml"), path() + " from " + pages);
    }

    @Test
    void adasPreviewOfTheInvoicesPageFillsItsDataTileFromTheDraft() throws Exception {
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/page-editor.xhtml?slug=invoices");
        String editorTab = browser().getWindowHandle();
        find("#preview").click();
        waitUntil(driver -> driver.getWindowHandles().size() == 2);
        browser().switchTo().window(browser().getWindowHandles().stream()
                .filter(handle -> !handle.equals(editorTab)).findFirst().orElseThrow());
        List<WebElement> invoices = new WebDriverWait(browser(), Duration.ofSeconds(20)).until(driver -> {
            List<WebElement> links = driver.findElements(
                    By.cssSelector("#widget-invoices-page-tile a.portico-data-tile-link"));
            return links.isEmpty() ? null : links;
        });
        String tileUrl = find("#tile-invoices-page-tile").getAttribute("data-tile-url");
        String firstInvoice = invoices.get(0).getAttribute("href");
        // The draft's pane is framed as on the live page: the preview's CSP allows its app's origin.
        browser().switchTo().frame(find("#widget-invoices-page-pane iframe"));
        String verified = new WebDriverWait(browser(), Duration.ofSeconds(20)).until(driver -> {
            String text = driver.findElement(By.id("verified-user")).getText();
            return text.startsWith("Verified") || text.startsWith("Not verified") ? text : null;
        });
        browser().switchTo().defaultContent();
        snapshot("4-ada-preview");
        browser().close();
        browser().switchTo().window(editorTab);
        assertAll(
                () -> assertTrue(path().startsWith("/admin/page-editor.xhtml"), path()),
                () -> assertTrue(tileUrl.contains("/api/admin/page-drafts/"), "the draft's tile: " + tileUrl),
                () -> assertTrue(firstInvoice.matches(".*/link/invoice/\\d+$"), firstInvoice),
                () -> assertTrue(verified.startsWith("Verified: Ada Admin (ada)"), verified));
    }

    @Test
    void guestsHaveAWelcomePageOfTheirOwn() throws Exception {
        open("/login.xhtml");
        clickToNavigate("a[data-page='welcome']");
        snapshot("3-guest-welcome");
        assertAll(
                () -> assertTrue(path().startsWith("/p/welcome"), path()),
                () -> assertTrue(find("#widget-guest-welcome").getText().contains("Welcome to Portico")),
                () -> assertTrue(present("#w-guest-links-0"), "a way to log in"));
    }
}
