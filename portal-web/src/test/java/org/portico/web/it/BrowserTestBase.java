package org.portico.web.it;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Base of the browser stories: deploys the real WAR, drives the real pages in Chromium. Each test starts logged
 * out (cookies cleared); the browser is shared by the tests of one class, to keep the suite fast.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class BrowserTestBase {

    static final String DEMO_PASSWORD = "portico-demo";

    private static ChromeDriver driver;
    private static String driverLanguages = Browser.ENGLISH;

    @ArquillianResource
    URL base;

    /**
     * The real WAR, plus {@link LinkEventsServlet}: stories about the link analytics need resolutions at chosen
     * instants and outcomes (yesterday, weeks ago, left queued), which real hops cannot produce; and
     * {@link PagesServlet} and {@link WidgetPageServlet}, for stories about widgets on a page of their own; and
     * {@link PageEditsServlet} for the page editor's stories (another admin's save).
     */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico().addClasses(LinkEventsServlet.class, PagesServlet.class, WidgetPageServlet.class,
                PageEditsServlet.class);
    }

    @BeforeEach
    void freshBrowser() {
        if (driver == null) {
            driver = Browser.start();
        }
        driver.get(url("/login.xhtml"));
        driver.manage().deleteAllCookies();
    }

    /** Keeps what the browser showed at the end of each test under target/screenshots, for people to look at. */
    @AfterEach
    void screenshot(TestInfo test) throws IOException {
        if (driver != null) {
            snapshot(test.getTestMethod().map(Method::getName).orElse("test"));
        }
    }

    /** Keeps what the browser shows now as target/screenshots/{class}-{name}.png (e.g. a dialog before it closes). */
    void snapshot(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(getClass().getSimpleName() + "-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        driverLanguages = Browser.ENGLISH;
    }

    /**
     * Makes the shared browser one whose user speaks these languages ({@code "de-DE,de"}; see {@link Browser#start(String)}),
     * starting a new one if needed, and leaves it logged out with no cookies on the login page's origin.
     */
    void browserSpeaking(String acceptLanguages) {
        if (!acceptLanguages.equals(driverLanguages)) {
            driver.quit();
            driver = Browser.start(acceptLanguages);
            driverLanguages = acceptLanguages;
        }
        driver.get(url("/login.xhtml"));
        driver.manage().deleteAllCookies();
    }

    WebDriver browser() {
        return driver;
    }

    String url(String path) {
        String root = base.toString().replaceAll("/$", "");
        return root + path;
    }

    void open(String path) {
        driver.get(url(path));
    }

    WebElement find(String cssSelector) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cssSelector)));
    }

    List<WebElement> all(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    boolean present(String cssSelector) {
        return !driver.findElements(By.cssSelector(cssSelector)).isEmpty();
    }

    /** Replaces the text of the input field with this text. */
    void type(String cssSelector, String text) {
        WebElement field = find(cssSelector);
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Searches the table of the form with this id (an admin list: its search field and table are {@code form:search}
     * and {@code form:table}) for one unique name, and waits until the table shows just that row, in row 0.
     */
    void search(String formId, String name) {
        type("#" + formId + "\\:search", name);
        waitUntil(driver -> {
            var rows = all("#" + formId + "\\:table_data > tr");
            return rows.size() == 1 && rows.get(0).getText().contains(name);
        });
    }

    /** alice, an end user, sees none of these links in the navigation, and the admin page is "not found" for her. */
    void assertAliceSeesNeitherPageNorLink(String page, String... navLinks) {
        loginAs("alice", DEMO_PASSWORD);
        assertAll(Arrays.stream(navLinks).map(link -> () -> assertFalse(present(link), link)));
        open(page);
        assertTrue(find("main#content").getText().contains("Page not found"));
    }

    /**
     * Waits up to 15 s for the condition. An element that an Ajax update replaced while the condition looked at it
     * (stale) counts as "not yet", not as a failure: the next try finds the new one.
     */
    <T> T waitUntil(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /**
     * Runs the action (a click that loads a new page) and waits until the browser shows a new document: the old one
     * is marked by script before, and the wait ends when the current document has no mark and has been parsed.
     * Errors of the browser while it swaps documents ("node does not belong to the document", stale elements) count
     * as "not yet". Without this, a check right after the click can still see the old page.
     */
    void andWaitForNewPage(Runnable action) {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        script.executeScript("window.porticoOldPage = true;");
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.porticoOldPage === undefined && document.readyState !== 'loading';")));
    }

    /** Fills the real login form and submits it, and waits for the Portico page the login leads to. */
    void submitLogin(String username, String password) {
        submitLoginForm(username, password);
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#content")));
    }

    /**
     * Fills the real login form, submits it and waits until the browser has left the login page it was on, but not for
     * what comes next: for logins that lead out of Portico (a deep link into an app), where the caller waits for the
     * page it expects. Without the wait for the old page to go, a check right after the click can still see the login
     * page (it has a {@code main#content} too).
     */
    void submitLoginForm(String username, String password) {
        type("#login\\:username", username);
        type("#login\\:password", password);
        WebElement submit = find("#login\\:submit");
        andWaitForNewPage(submit::click);
    }

    void loginAs(String username, String password) {
        open("/login.xhtml");
        submitLogin(username, password);
        find("#greeting");
    }

    /**
     * Clicks a link or a non-Ajax button that loads a new page, and waits until the old page has gone, so that what
     * the caller checks next belongs to the new page.
     */
    void clickToNavigate(String cssSelector) {
        WebElement element = find(cssSelector);
        andWaitForNewPage(element::click);
    }

    /** Logs out through the user menu in the header. */
    void logout() {
        find("#userMenu\\:menu_button").click();
        find("#userMenu\\:logout").click();
        find("#loggedOut");
    }

    String sessionCookie() {
        var cookie = driver.manage().getCookieNamed("PORTICO_SESSION");
        return cookie == null ? null : cookie.getValue();
    }

    String path() {
        String current = driver.getCurrentUrl();
        return current.substring(url("").length());
    }

    static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }
}
