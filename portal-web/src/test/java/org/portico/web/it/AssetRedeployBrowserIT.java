package org.portico.web.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * An asset whose content changed gets a new URL when the new version is deployed: the browser that kept the old
 * stylesheet for a year (immutable) loads the new one at once, and the old URL is gone. Two deployments of the real
 * WAR, one after the other: as built, and with Portico's stylesheet changed by one rule.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AssetRedeployBrowserIT {

    private static final String BEFORE = "assets-before";
    private static final String AFTER = "assets-after";
    private static final String STYLESHEET = "/resources/portico/css/portico.css";
    /** The rule the second deployment adds: a custom property the test reads back from the page. */
    private static final String CHANGE = "\n:root { --portico-redeployed: yes; }\n";

    /** The stylesheets the page applies, and whether the second deployment's rule is in effect. */
    private static final String STYLESHEETS = "return {hrefs: [...document.styleSheets].map(s => s.href)"
            + ".filter(h => h && h.includes('/assets/css/portico.')),"
            + " redeployed: getComputedStyle(document.documentElement).getPropertyValue('--portico-redeployed').trim()};";

    @Deployment(name = BEFORE, managed = false, testable = false)
    static WebArchive asBuilt() {
        return Deployments.portico();
    }

    @Deployment(name = AFTER, managed = false, testable = false)
    static WebArchive withTheStylesheetChanged() {
        WebArchive war = Deployments.portico();
        String css;
        try (InputStream in = war.get(STYLESHEET).getAsset().openStream()) {
            css = new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        war.delete(STYLESHEET);
        war.add(new StringAsset(css + CHANGE), STYLESHEET);
        // a name of its own (Arquillian keeps deployments apart by name); the context root is the WAR's, "/"
        return ShrinkWrap.create(WebArchive.class, "portico-changed.war").merge(war);
    }

    @ArquillianResource
    Deployer deployer;

    private static String root() {
        return System.getProperty("portico.it.base-url", "http://127.0.0.1:8180/").replaceAll("/$", "");
    }

    @Test
    void aChangedStylesheetGetsANewUrlThatTheBrowserLoadsAtOnce() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            deployer.deploy(BEFORE);
            Map<String, Object> before;
            try {
                browser.get(root() + "/login.xhtml");
                browser.get(root() + "/login.xhtml"); // the stylesheet now comes from the browser's cache
                before = stylesheets(browser);
            } finally {
                deployer.undeploy(BEFORE);
            }
            deployer.deploy(AFTER);
            try {
                browser.get(root() + "/login.xhtml");
                Map<String, Object> after = stylesheets(browser);
                Files.write(Files.createDirectories(Path.of("target", "screenshots"))
                        .resolve("AssetRedeployBrowserIT-after.png"), browser.getScreenshotAs(OutputType.BYTES));
                String oldUrl = hrefs(before).get(0);
                HttpResponse<Void> old = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(oldUrl))
                        .build(), HttpResponse.BodyHandlers.discarding());
                assertAll(
                        () -> assertEquals(1, hrefs(before).size(), before.toString()),
                        () -> assertEquals("", before.get("redeployed"), "the rule is new"),
                        () -> assertEquals(1, hrefs(after).size(), after.toString()),
                        () -> assertNotEquals(hrefs(before), hrefs(after), "the changed stylesheet has a new URL"),
                        () -> assertEquals("yes", after.get("redeployed"), "the browser applies the new stylesheet,"
                                + " not the copy it keeps for a year"),
                        () -> assertEquals(404, old.statusCode(), "the old content's URL is gone"),
                        () -> assertTrue(hrefs(after).get(0).matches(".*/portico\\.[A-Za-z0-9_-]{12}\\.css"), after.toString()));
            } finally {
                deployer.undeploy(AFTER);
            }
        } finally {
            browser.quit();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stylesheets(ChromeDriver browser) throws InterruptedException {
        // Once the page has loaded its stylesheet is in document.styleSheets; in one CI run of many (a loaded machine,
        // right after a deployment) the script found none yet, while the screenshot taken a moment later showed the
        // page styled. So ask for up to 10 s: what is asserted is what the browser ends up applying.
        long until = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        Map<String, Object> found = (Map<String, Object>) browser.executeScript(STYLESHEETS);
        while (hrefs(found).isEmpty() && System.nanoTime() - until < 0) {
            Thread.sleep(100);
            found = (Map<String, Object>) browser.executeScript(STYLESHEETS);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static List<String> hrefs(Map<String, Object> stylesheets) {
        return (List<String>) stylesheets.get("hrefs");
    }
}
