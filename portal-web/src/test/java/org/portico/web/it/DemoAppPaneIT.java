package org.portico.web.it;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.portico.web.app.DemoApps;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo app's pane page in Chromium, framed cross-origin the way the demo data frames it (Portico at 127.0.0.1,
 * the pane at localhost) by a minimal parent on Portico's origin ({@link PaneParentServlet}): the handshake of the
 * design gives it alice's access token, the demo app verifies it and shows "Verified", and asks again before the token
 * expires. Opened on its own it says it is not verified; a page of another origin cannot frame it at all.
 */
class DemoAppPaneIT extends BrowserTestBase {

    static final String PANE_PARENT = "pane-parent";

    @Deployment(name = Deployments.DEMO_APP, testable = false)
    static WebArchive demoApp() {
        return Deployments.demoApp();
    }

    @Deployment(name = PANE_PARENT, testable = false)
    static WebArchive paneParent() {
        return ShrinkWrap.create(WebArchive.class, PANE_PARENT + ".war").addClass(PaneParentServlet.class);
    }

    @ArquillianResource
    @OperateOnDeployment(Deployments.DEMO_APP)
    URL demoApp;

    @ArquillianResource
    @OperateOnDeployment(PANE_PARENT)
    URL paneParent;

    private String demoUrl(String path) {
        return demoApp.toString().replaceAll("/$", "") + path;
    }

    /** The same URL under the other loopback name: 127.0.0.1 ↔ localhost. */
    private static String otherLoopbackName(String url) {
        return url.contains("//127.0.0.1") ? url.replace("//127.0.0.1", "//localhost") : url.replace("//localhost", "//127.0.0.1");
    }

    /** Opens the test parent at {@code parentRoot} framing {@code pane}; the parent's load waits for the frame's. */
    private void openParent(String parentRoot, String pane, String expiresIn) {
        browser().get(parentRoot.replaceAll("/$", "") + "/?pane=" + URLEncoder.encode(pane, StandardCharsets.UTF_8)
                + "&audience=" + URLEncoder.encode(url(DemoApps.PATH), StandardCharsets.UTF_8)
                + (expiresIn == null ? "" : "&expiresIn=" + expiresIn));
    }

    private String row(String field) {
        return browser().findElement(By.cssSelector("#pane-rows [data-field='" + field + "'] dd")).getText();
    }

    @Test
    void alicesPaneIsVerifiedAndAsksAgainBeforeItsTokenExpires() throws Exception {
        loginAs("alice", DEMO_PASSWORD);
        String pane = otherLoopbackName(demoUrl("/pane"));
        assertFalse(pane.startsWith(url("")), "the pane is on another origin than Portico: " + pane);

        // A token said to live 2 s: the pane asks again after 1 s, and keeps verifying each new one.
        openParent(paneParent.toString(), pane, "2");
        browser().switchTo().frame("pane");
        WebElement verified = waitUntil(driver -> {
            WebElement title = driver.findElement(By.id("verified-user"));
            return title.getText().startsWith("Verified") ? title : null;
        });
        String firstText = verified.getText();
        waitUntil(driver -> Integer.parseInt(row("tokens")) >= 2);
        String roles = row("roles");
        String expires = row("exp");
        String state = browser().findElement(By.id("pane-status")).getAttribute("data-state");
        // The frame's own address (WebDriver's getCurrentUrl names the top-level page's).
        String paneUrl = (String) ((JavascriptExecutor) browser()).executeScript("return window.location.href;");
        browser().switchTo().defaultContent();
        int hellos = Integer.parseInt(find("body").getAttribute("data-hellos"));

        assertAll(
                () -> assertEquals("Verified: Alice End-User (alice)", firstText),
                () -> assertEquals("verified", state),
                () -> assertTrue(roles.contains("end-user"), roles),
                () -> assertTrue(expires.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(in 2 s when received\\)"), expires),
                () -> assertTrue(hellos >= 2, "asked again before expiry: " + hellos + " hellos"),
                () -> assertEquals(pane, paneUrl, "no token in the pane's URL"),
                () -> assertFalse(browser().getCurrentUrl().contains("eyJ"), "no token in the parent's URL"));
    }

    @Test
    void openedOnItsOwnThePaneSaysItIsNotVerified() {
        browser().get(demoUrl("/pane"));

        WebElement title = waitUntil(driver -> {
            WebElement element = driver.findElement(By.id("verified-user"));
            return element.getText().startsWith("Not verified") ? element : null;
        });

        assertAll(
                () -> assertEquals("Not verified: not shown in a Portico pane", title.getText()),
                () -> assertEquals("refused", find("#pane-status").getAttribute("data-state")));
    }

    @Test
    void aPageOfAnotherOriginCannotFrameThePane() {
        // The same parent, but served from localhost: not Portico's origin (127.0.0.1), so the pane's CSP refuses it.
        String foreignParent = otherLoopbackName(paneParent.toString());
        openParent(foreignParent, otherLoopbackName(demoUrl("/pane")), null);
        browser().switchTo().frame("pane");
        List<WebElement> inside = browser().findElements(By.id("verified-user"));
        browser().switchTo().defaultContent();

        assertTrue(inside.isEmpty(), "the browser did not render the pane inside another origin's page");
    }
}
