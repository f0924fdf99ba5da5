package org.portico.web.it;

import java.net.URI;
import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deep links in Chromium, with the demo data's routes into the demo app (registered under the test server's issuer,
 * {@code <server>/demo-app/}, but not deployed in this class: the browser's last page there is a 404, but its address
 * is the one Portico sent it to; {@code DemoAppIT} follows links into the deployed demo app). The token in the fragment is checked by npm jose against the live JWKS, as the demo
 * app checks it. Screenshots of the friendly pages land in target/screenshots.
 */
class LinkBrowserIT extends BrowserTestBase {

    /** Where the demo data's routes lead: the demo app under the server's own address. */
    private String demoApp() {
        return url("/demo-app/");
    }

    @Test
    void aGuestWhoOpensADeepLinkLogsInAndLandsOnTheTargetWithTheTokenInTheFragment() throws Exception {
        open("/link/invoice/42");
        find("#login\\:username");
        assertTrue(path().startsWith("/login.xhtml"), path());
        submitLoginForm("alice", DEMO_PASSWORD);
        // The login hashes the password (slow on purpose), then redirects and refreshes: time on a busy machine.
        new WebDriverWait(browser(), Duration.ofSeconds(30)).until(driver -> driver.getCurrentUrl().startsWith(demoApp()));
        URI landed = URI.create(browser().getCurrentUrl());
        String fragment = landed.getRawFragment();
        JsonObject verified = JoseVerifier.verify(url("/.well-known/jwks.json"), url(""),
                url("/demo-app"), "link+jwt", fragment.substring("portico_token=".length()));
        JsonObject claims = verified.getJsonObject("claims");
        assertAll(
                () -> assertEquals("/demo-app/invoices/42", landed.getPath()),
                () -> assertTrue(fragment.startsWith("portico_token=ey"), fragment),
                () -> assertTrue(verified.getBoolean("verified"), verified.toString()),
                () -> assertEquals("link+jwt", verified.getJsonObject("header").getString("typ")),
                () -> assertEquals("alice", claims.getString("sub")),
                () -> assertEquals("invoice", claims.getString("route")),
                () -> assertEquals("42", claims.getJsonObject("params").getString("id")),
                () -> assertEquals("Alice End-User", claims.getString("name")),
                () -> assertFalse(claims.containsKey("email"), "the invoice route sends only the name"),
                () -> assertEquals(120, claims.getInt("exp") - claims.getInt("iat")));
    }

    /**
     * The home page's one-time sample is a button: its ticket is minted when it is clicked (issue 9), and the answer
     * goes on to the link by itself, into the app.
     */
    @Test
    void theOneTimeSampleMintsItsLinkWhenClickedAndOpensIt() {
        loginAs("alice", DEMO_PASSWORD);
        WebElement offer = find("[data-link='w-try-4']");
        assertAll(
                () -> assertEquals("Your one-time welcome offer", offer.getAttribute("value")),
                () -> assertFalse(browser().getPageSource().contains("_ticket="), "no ticket before the click"));
        offer.click();
        waitUntil(driver -> driver.getCurrentUrl().startsWith(demoApp() + "offers/welcome#portico_token="));
    }

    @Test
    void aOneTimeLinkFollowedTwiceShowsTheFriendlyPageTheSecondTime() throws Exception {
        loginAs("alice", DEMO_PASSWORD);
        // The click over HTTP, in a session of alice's own: the minted link is alice's, whichever session opens it.
        String href = HomeSamples.mintOffer(FormLogin.loggedIn(url(""), "alice", DEMO_PASSWORD), url(""));
        assertTrue(href.contains("/link/welcome-offer?_ticket="), href);
        browser().get(href);
        waitUntil(driver -> driver.getCurrentUrl().startsWith(demoApp() + "offers/welcome#portico_token="));
        browser().get(href);
        WebElement problem = find("#link-problem");
        assertAll(
                () -> assertEquals("replayed", problem.getAttribute("data-outcome")),
                () -> assertEquals("This link was already used", find("#link-title").getText()),
                () -> assertTrue(find("#link-message").getText().contains("already been used")),
                () -> assertTrue(present("#link-home"), "a way on"));
    }

    @Test
    void theHomePageOffersDemoLinksThatOpenWhereTheRouteSays() {
        loginAs("alice", DEMO_PASSWORD);
        WebElement customer = find("#w-try-1");
        WebElement invoice = find("#w-try-0");
        assertAll(
                () -> assertTrue(invoice.getAttribute("href").endsWith("/link/invoice/42")),
                () -> assertEquals("_blank", customer.getAttribute("target")),
                () -> assertEquals("noopener noreferrer", customer.getAttribute("rel")),
                () -> assertEquals("", invoice.getAttribute("target") == null ? "" : invoice.getAttribute("target")));
    }

    @Test
    void anUnknownLinkShowsTheFriendlyPageToAGuest() {
        open("/link/no-such-route/1");
        WebElement problem = find("#link-problem");
        assertAll(
                () -> assertEquals("unknown_route", problem.getAttribute("data-outcome")),
                () -> assertEquals("Link not found", find("#link-title").getText()),
                () -> assertTrue(present("#link-login"), "a guest is offered the login"),
                () -> assertTrue(browser().getTitle().startsWith("Link not found")));
    }

    @Test
    void aLinkWithABadParameterNamesTheParameterButNotTheValue() {
        loginAs("alice", DEMO_PASSWORD);
        open("/link/invoice/%3Cb%3Ebold%3C%2Fb%3E");
        WebElement problem = find("#link-problem");
        String message = find("#link-message").getText();
        assertAll(
                () -> assertEquals("invalid_parameter", problem.getAttribute("data-outcome")),
                () -> assertTrue(message.contains("parameter 'id' must be a whole number"), message),
                () -> assertFalse(browser().getPageSource().contains("bold")),
                () -> assertTrue(browser().findElements(By.cssSelector("#link-problem b")).isEmpty()));
    }

    @Test
    void aMailScannerGetsAHarmlessPageThatAPersonCanOpen() throws Exception {
        loginAs("alice", DEMO_PASSWORD);
        String href = HomeSamples.mintOffer(FormLogin.loggedIn(url(""), "alice", DEMO_PASSWORD), url(""));
        HttpClient scanner = FormLogin.newClient();
        HttpResponse<String> scanned = scanner.send(java.net.http.HttpRequest.newBuilder(URI.create(href))
                .header("User-Agent", "Mozilla/5.0 (compatible; Proofpoint URL Defense)").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scanned.statusCode());
        assertTrue(scanned.body().contains("data-outcome=\"preview\""));
        browser().get(href);
        waitUntil(ExpectedConditions.not(ExpectedConditions.urlContains("/link/")));
        assertTrue(browser().getCurrentUrl().startsWith(demoApp() + "offers/welcome#portico_token="),
                "the scanner consumed nothing: " + browser().getCurrentUrl());
    }

    /** The secret an app signs inbound links with: generated on request, shown once (the screenshot keeps the dialog). */
    @Test
    void aSiteAdminGeneratesAnAppsSecretForInboundLinks() {
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/apps.xhtml");
        WebElement search = find("#apps\\:search");
        search.clear();
        search.sendKeys("demo-app");
        waitUntil(driver -> {
            var rows = all("#apps\\:table_data > tr");
            return rows.size() == 1 && rows.get(0).getText().contains("demo-app");
        });
        find("#apps\\:table\\:0\\:inboundSecret").click();
        assertEquals("demo-app", find("#inboundSecretApp").getText());
        find("#inboundSecretForm\\:confirm").click();
        WebElement secret = find("#secretForm\\:secret");
        String dialog = find("#secretForm").getText();
        assertAll(
                () -> assertTrue(secret.getAttribute("value").matches("[A-Za-z0-9_-]{43}"), secret.getAttribute("value")),
                () -> assertTrue(dialog.contains("secret for signing links into Portico"), dialog),
                () -> assertTrue(dialog.contains("Portico keeps it sealed"), dialog),
                () -> assertEquals("demo-app", find("#secretApp").getText()));
    }
}
