package org.portico.web.it;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logging in and out through the real login page, as each demo user. */
class LoginIT extends BrowserTestBase {

    @Test
    void aliceTheEndUserSeesHerHomeButNoAdministration() {
        loginAs("alice", DEMO_PASSWORD);

        assertAll(
                () -> assertEquals("Welcome, Alice End-User", find("#greeting").getText()),
                () -> assertTrue(find("#roles").getText().contains("End-user")),
                () -> assertFalse(find("#roles").getText().contains("Site admin")),
                () -> assertTrue(present("#nav-home")),
                () -> assertFalse(present("#nav-users"), "no Users link for an end-user"),
                () -> assertTrue(find("#widget-welcome").getText().length() > 20, "the welcome block from the CMS is shown"));
    }

    @Test
    void eddieTheEditorSeesHisHomePageButNoAdministration() {
        loginAs("eddie", DEMO_PASSWORD);

        assertAll(
                () -> assertEquals("Welcome, Eddie Editor", find("#greeting").getText()),
                () -> assertTrue(find("#roles").getText().contains("Content editor")),
                () -> assertTrue(present("#widget-welcome"), "the home page's widgets"),
                () -> assertFalse(present("#widget-admin"), "the administration tile is for site admins"),
                () -> assertFalse(present("#nav-users")));
    }

    @Test
    void adaTheAdminSeesAndOpensUserManagement() {
        loginAs("ada", DEMO_PASSWORD);
        assertTrue(find("#roles").getText().contains("Site admin"));

        clickToNavigate("#nav-users");

        assertAll(
                () -> assertEquals("/admin/users.xhtml", path()),
                () -> assertTrue(find("#users\\:table").getText().contains("alice")));
    }

    @Test
    void aliceGetsTheNotFoundPageForAnAdminPage() {
        loginAs("alice", DEMO_PASSWORD);

        open("/admin/users.xhtml");

        assertAll(
                () -> assertTrue(present("#error-not-found")),
                () -> assertEquals("Page not found · Portico", browser().getTitle()),
                () -> assertFalse(present("#users\\:table")));
    }

    @Test
    void withoutOpenIdConnectSettingsTheLoginPageOffersTheFormOnly() {
        open("/login.xhtml");

        assertAll(
                () -> assertTrue(find("#login\\:submit").isDisplayed()),
                () -> assertFalse(present("#oidc-login"), "no 'Sign in with' button when OIDC is not configured"));
    }

    @Test
    void unknownPagesGetTheFriendlyNotFoundPage() {
        open("/no-such-page.xhtml");

        assertTrue(find("#error-not-found").getText().contains("There is no page at this address"));
    }

    @Test
    void aWrongPasswordShowsAClearMessageAndKeepsTheUsername() {
        open("/login.xhtml");
        submitLogin("alice", "not-her-password");

        assertAll(
                () -> assertEquals("/login.xhtml", path()),
                () -> assertTrue(find("#login\\:messages").getText().contains("Wrong username or password.")),
                () -> assertEquals("alice", find("#login\\:username").getAttribute("value")),
                () -> assertFalse(present("#greeting")));
    }

    @Test
    void theRequestedPageIsShownAfterLogin() {
        open("/admin/users.xhtml");
        assertEquals("/login.xhtml", path(), "a guest is sent to the login page");

        submitLogin("ada", DEMO_PASSWORD);

        assertAll(
                () -> assertEquals("/admin/users.xhtml", path()),
                () -> assertTrue(find("#users\\:table").isDisplayed()));
    }

    @Test
    void theSessionIdChangesOnLogin() {
        open("/login.xhtml");
        String before = sessionCookie();
        assertNotNull(before, "the login page has a session for its form");

        submitLogin("alice", DEMO_PASSWORD);
        find("#greeting");

        assertNotEquals(before, sessionCookie());
    }

    @Test
    void logoutEndsTheSessionAndBackDoesNotShowProtectedContent() {
        loginAs("alice", DEMO_PASSWORD);

        logout();
        assertTrue(find("#loggedOut").getText().contains("You have logged out"));

        browser().navigate().back();
        assertAll(
                () -> assertFalse(present("#greeting"), "Back must not show the home page of the logged-out user"),
                () -> assertEquals("/login.xhtml", path()));

        open("/home.xhtml");
        assertEquals("/login.xhtml", path());
    }

    @Test
    void repeatedFailuresAreThrottled() {
        String target = unique("victim");
        open("/login.xhtml");
        for (int attempt = 1; attempt <= 5; attempt++) {
            submitLogin(target, "guess-number-" + attempt);
            assertTrue(find("#login\\:messages").getText().contains("Wrong username or password."), "attempt " + attempt);
        }

        submitLogin(target, "guess-number-6");

        assertTrue(find("#login\\:messages").getText().contains("Too many failed attempts. Wait"));
    }
}
