package org.portico.web.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-on links in Chromium (issue 8, items 2 and 3): a partner app trusted for sign-on is registered through the
 * API, ada gives it a secret for inbound links in the admin page, and the partner's signed links for alice are opened
 * in ada's browser. The links lead to the demo data's {@code invoice} route (into the demo app, not deployed here:
 * the browser's last page there is a 404, but its address is where Portico sent it).
 */
class SignOnBrowserIT extends BrowserTestBase {

    /** Registers a partner app trusted for sign-on (default sign-on roles) as ada, through the API. */
    private String registerPartner() throws Exception {
        String id = unique("partner-");
        HttpClient ada = FormLogin.loggedIn(url(""), "ada", DEMO_PASSWORD);
        HttpResponse<String> created = ada.send(HttpRequest.newBuilder(URI.create(url("/api/admin/apps")))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"name\":\"Partner " + id
                        + "\",\"audience\":\"https://" + id + ".example\",\"baseUrls\":[\"https://" + id
                        + ".example/\"],\"clientAuthentication\":\"client_secret\",\"trustedForSignOn\":true}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"signOnRoles\":[\"end-user\"]"), "the default: " + created.body());
        return id;
    }

    private String origin() {
        URI root = URI.create(url(""));
        return root.getScheme() + "://" + root.getRawAuthority();
    }

    /** In the admin page as ada: generates the partner's secret for inbound links and reads it off the dialog. */
    private String inboundSecret(String app) {
        open("/admin/apps.xhtml");
        search("apps", app);
        find("#apps\\:table\\:0\\:inboundSecret").click();
        assertEquals(app, find("#inboundSecretApp").getText());
        find("#inboundSecretForm\\:confirm").click();
        String secret = find("#secretForm\\:secret").getAttribute("value");
        find("#secretForm\\:done").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("secretDialog")));
        return secret;
    }

    private String signed(String app, String secret, String link, String subject) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(app).audience(url("")).subject(subject).jwtID("jti-" + System.nanoTime())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("link", link).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return link + "?_sig=" + jwt.serialize();
    }

    private String loggedInAs() {
        open("/home.xhtml");
        return find("#userMenu\\:menu").getText();
    }

    @Test
    void adaOpeningAPartnersLinkForAliceIsAskedAndStaysOrSwitchesAsSheChooses() throws Exception {
        String partner = registerPartner();
        loginAs("ada", DEMO_PASSWORD);
        String secret = inboundSecret(partner);
        String link = signed(partner, secret, "/link/invoice/42", "alice");

        open(link);
        String question = find("#link-switch").getText();
        snapshot("adaOpeningAPartnersLinkForAlice-question");
        assertAll(
                () -> assertEquals("Continue as Alice End-User?", find("#link-title").getText()),
                () -> assertTrue(question.contains("Partner " + partner), question),
                () -> assertEquals("Stay as Ada Admin", find("#switch-stay").getText()),
                () -> assertEquals("Continue as Alice End-User", find("#switch-continue").getText()),
                () -> assertEquals("post", find("#switch-form").getAttribute("method")));

        find("#switch-stay").click();
        waitUntil(driver -> !driver.getCurrentUrl().contains("/link"));
        assertAll(
                () -> assertTrue(path().equals("/") || path().startsWith("/home.xhtml"), "home: " + path()),
                () -> assertEquals("Ada Admin", loggedInAs(), "stay keeps ada"));

        open(link);
        find("#link-switch");
        String adaSession = sessionCookie();
        find("#switch-continue").click();
        waitUntil(driver -> driver.getCurrentUrl().startsWith(url("/demo-app/invoices/42#portico_token=")));
        String aliceSession = sessionCookie();
        assertAll(
                () -> assertFalse(adaSession.equals(aliceSession), "a new session id"),
                () -> assertEquals("Alice End-User", loggedInAs(), "continue switched to alice"));

        open(link);
        assertEquals("replayed", find("#link-problem").getAttribute("data-outcome"), "the link worked once");
    }

    @Test
    void theAppDialogWarnsWhenAnAppsLinksMaySignInSiteAdmins() throws Exception {
        String partner = registerPartner();
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/apps.xhtml");
        search("apps", partner);
        find("#apps\\:table\\:0\\:edit").click();
        find("#appForm\\:signOnRoles");
        assertFalse(present("#appForm\\:siteAdminWarning"), "end-users only: no warning");

        all("#appForm\\:signOnRoles .ui-chkbox-box").get(2).click(); // End-user, Content editor, Site admin
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("appForm:siteAdminWarning")));
        WebElement shown = find("#appForm\\:siteAdminWarning");
        String warning = shown.getText();
        ((JavascriptExecutor) browser()).executeScript("arguments[0].scrollIntoView({block: 'end'})", shown);
        snapshot("theAppDialogWarns-warning");
        find("#appForm\\:save").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("appDialog")));

        find("#apps\\:table\\:0\\:edit").click();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("appForm:siteAdminWarning")));
        assertAll(
                () -> assertTrue(warning.contains("log in a site admin without a password"), warning),
                () -> assertTrue(find("#appForm\\:signOnRoles").getText().contains("Site admin")));

        open("/admin/audit.xhtml");
        type("#audit\\:target", "app:" + partner);
        find("#audit\\:apply").click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#audit\\:table"),
                "APP_SIGN_ON_ROLES_CHANGED"));
        assertTrue(find("#audit\\:table").getText().contains("may sign in site admins"), find("#audit\\:table").getText());
    }
}
