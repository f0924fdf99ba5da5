package org.portico.web.it;

import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.as.arquillian.api.ServerSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.OidcTestProvider.ADAM;
import static org.portico.web.it.OidcTestProvider.ADAM_PASSWORD;
import static org.portico.web.it.OidcTestProvider.ALICE;
import static org.portico.web.it.OidcTestProvider.ALICE_PASSWORD;
import static org.portico.web.it.OidcTestProvider.NORA;
import static org.portico.web.it.OidcTestProvider.NORA_PASSWORD;
import static org.portico.web.it.OidcTestProvider.OLGA;
import static org.portico.web.it.OidcTestProvider.OLGA_PASSWORD;

/**
 * OpenID Connect login through a real provider (npm oidc-provider on 127.0.0.1, see {@link OidcTestProvider}):
 * the user types username and password into the provider's own login page, in Chromium, and lands in Portico with
 * the roles the provider's groups map to. The provider is another site ({@code localhost}) than Portico
 * ({@code 127.0.0.1}), so every callback is a cross-site navigation that the SameSite=Lax session cookie must survive. Mapping: portal-users → end-user, admins → site-admin; everyone gets
 * end-user (the default role).
 */
@ServerSetup(OidcServerSetup.class)
class OidcLoginIT extends BrowserTestBase {

    private OidcTestProvider provider;

    @BeforeEach
    void providerIsRunningAndHasNoSessionYet() {
        provider = OidcServerSetup.provider();
        browser().get(provider.issuer() + "/.well-known/openid-configuration");
        browser().manage().deleteAllCookies(); // the provider's cookies: another host than Portico's
    }

    /** Clicks "Sign in with Test IdP" on the login page and signs in on the provider's page. */
    private void signInAtProvider(String username, String password) {
        find("#oidc-login").click();
        typeProviderCredentials(username, password);
    }

    private void typeProviderCredentials(String username, String password) {
        find("#idp-username").sendKeys(username);
        find("#idp-password").sendKeys(password);
        find("#idp-submit").click();
        find("main#content");
    }

    /**
     * The {@code redirect_uri} sent to the provider was built from the request's Host header: a request with
     * {@code Host: evil.example} asked the provider to send the authorization code to evil.example (refused only if
     * the provider checks redirect URIs exactly). It comes from {@code portico.issuer} now.
     */
    @Test
    void theRedirectUriIsOnPorticosConfiguredUrlWhateverTheHostHeaderSays() throws Exception {
        URI portico = URI.create(url("/"));
        String response;
        try (Socket socket = new Socket(portico.getHost(), portico.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /login/oidc HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        Matcher location = Pattern.compile("(?im)^Location: (\\S+)$").matcher(response);
        assertTrue(location.find(), response);
        URI toProvider = URI.create(location.group(1));
        Matcher redirectUri = Pattern.compile("[?&]redirect_uri=([^&]+)").matcher(toProvider.getRawQuery());
        assertTrue(redirectUri.find(), toProvider.toString());

        assertAll(
                () -> assertTrue(response.startsWith("HTTP/1.1 302"), response),
                () -> assertTrue(toProvider.toString().startsWith(provider.issuer().toString()), "to the provider: " + toProvider),
                () -> assertEquals(url("/login/oidc/callback"), URLDecoder.decode(redirectUri.group(1), StandardCharsets.UTF_8)),
                () -> assertFalse(toProvider.toString().contains("evil.example"), toProvider.toString()));
    }

    @Test
    void olgaSignsInAtTheProviderAndHasTheMappedRole() {
        open("/login.xhtml");
        WebElement button = find("#oidc-login");
        assertEquals("Sign in with Test IdP", button.getText());
        String sessionBefore = sessionCookie();

        signInAtProvider(OLGA, OLGA_PASSWORD);

        assertAll(
                () -> assertEquals("/home.xhtml", path()),
                () -> assertEquals("Welcome, Olga Okta", find("#greeting").getText()),
                () -> assertEquals(OLGA, find("#username").getText()),
                () -> assertTrue(find("#roles").getText().contains("End-user")),
                () -> assertFalse(find("#roles").getText().contains("Site admin")),
                () -> assertFalse(present("#nav-users")),
                () -> assertNotNull(sessionBefore, "the login page has a session"),
                () -> assertNotEquals(sessionBefore, sessionCookie(), "the session id changes on login"));
    }

    @Test
    void aDeepLinkToAnAdminPageSurvivesTheProviderLogin() {
        open("/admin/users.xhtml");
        assertEquals("/login.xhtml", path(), "a guest is sent to the login page");

        signInAtProvider(ADAM, ADAM_PASSWORD);

        assertAll(
                () -> assertEquals("/admin/users.xhtml", path()),
                () -> assertTrue(find("#users\\:table").isDisplayed()),
                () -> assertTrue(present("#nav-users"), "admins map to site-admin"));
    }

    @Test
    void aDeepLinkIntoAnAppSurvivesTheProviderLogin() {
        open("/link/invoice/42");
        assertEquals("/login.xhtml", path(), "a guest is sent to the login page");

        find("#oidc-login").click();
        find("#idp-username").sendKeys(OLGA);
        find("#idp-password").sendKeys(OLGA_PASSWORD);
        find("#idp-submit").click();

        // The demo app is registered under the test server's issuer (not deployed here): the address is what counts.
        waitUntil(driver -> driver.getCurrentUrl().startsWith(url("/demo-app/invoices/42#portico_token=ey")));
    }

    @Test
    void theContinueTargetOfTheLoginPageSurvivesTheProviderLogin() {
        open("/login.xhtml?continue=/admin/users.xhtml");

        signInAtProvider(ADAM, ADAM_PASSWORD);

        assertEquals("/admin/users.xhtml", path());
    }

    @Test
    void aUserWithoutMappedGroupsGetsTheDefaultRole() {
        open("/login.xhtml");

        signInAtProvider(NORA, NORA_PASSWORD);

        assertAll(
                () -> assertEquals("Welcome, Nora No-Groups", find("#greeting").getText()),
                () -> assertEquals("End-user", find("#roles").getText().strip()));
    }

    @Test
    void aProviderUserNamedLikeALocalUserGetsAnAccountOfTheirOwn() {
        open("/login.xhtml");
        signInAtProvider(ALICE, ALICE_PASSWORD);

        String username = find("#username").getText();
        assertAll(
                () -> assertEquals("Welcome, Alice From The IdP", find("#greeting").getText()),
                () -> assertTrue(username.matches("alice-[0-9a-f]{6}"), username));

        logoutAtPorticoAndProvider();
        loginAs("alice", DEMO_PASSWORD);
        assertEquals("Welcome, Alice End-User", find("#greeting").getText(), "the local alice is untouched");
    }

    @Test
    void logoutEndsThePorticoSessionAndTheProviderSession() {
        open("/login.xhtml");
        signInAtProvider(OLGA, OLGA_PASSWORD);
        find("#greeting");

        logoutAtPorticoAndProvider();

        assertAll(
                () -> assertEquals("/login.xhtml?loggedOut=true", path()),
                () -> assertTrue(find("#loggedOut").getText().contains("You have logged out")));
        open("/home.xhtml");
        assertEquals("/login.xhtml", path(), "the Portico session is gone");
        find("#oidc-login").click();
        assertTrue(find("#idp-username").isDisplayed(), "the provider asks for credentials again");
    }

    @Test
    void withinTheProviderSessionASecondSignInNeedsNoPassword() {
        open("/login.xhtml");
        signInAtProvider(OLGA, OLGA_PASSWORD);
        find("#greeting");

        browser().manage().deleteCookieNamed("PORTICO_SESSION"); // Portico forgets the user, the provider does not
        open("/login.xhtml");
        find("#oidc-login").click();

        assertAll(
                () -> assertEquals("/home.xhtml", path()),
                () -> assertEquals("Welcome, Olga Okta", find("#greeting").getText()));
    }

    @Test
    void formLoginStillWorksBesideTheProvider() {
        loginAs("ada", DEMO_PASSWORD);

        assertTrue(find("#roles").getText().contains("Site admin"));
        logout(); // local only: ada has no provider session
        assertEquals("/login.xhtml?loggedOut=true", path());
    }

    @Test
    void aCallbackWithoutAPendingLoginShowsAMessageInsteadOfAnError() {
        open("/login/oidc/callback?code=forged-code&state=forged-state");

        assertAll(
                () -> assertEquals("/login.xhtml?oidc=expired", path()),
                () -> assertTrue(find("#oidcFailure").getText().contains("took too long or was started in another window")),
                () -> assertTrue(present("#oidc-login")));
    }

    @Test
    void cancellingAtTheProviderShowsAMessage() {
        open("/login/oidc/callback?error=access_denied&state=whatever");

        assertTrue(find("#oidcFailure").getText().contains("Sign-in at Test IdP was cancelled."));
    }

    @Test
    void aProviderThatIsDownGivesAFriendlyMessageAndTheFormStillWorks() throws Exception {
        provider.stop();
        try {
            open("/login.xhtml");
            find("#oidc-login").click();

            assertAll(
                    () -> assertTrue(path().startsWith("/login.xhtml?oidc=unavailable"), path()),
                    () -> assertTrue(find("#oidcFailure").getText().contains("Test IdP can't be reached right now")));
            submitLogin("eddie", DEMO_PASSWORD);
            assertEquals("Welcome, Eddie Editor", find("#greeting").getText());
        } finally {
            provider.restart();
        }
    }

    /** Logs out through the user menu, confirms at the provider, and is back on Portico's login page. */
    private void logoutAtPorticoAndProvider() {
        find("#userMenu\\:menu_button").click();
        find("#userMenu\\:logout").click();
        find("#idp-logout").click();
        find("#loggedOut");
    }
}
