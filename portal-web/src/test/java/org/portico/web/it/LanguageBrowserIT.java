package org.portico.web.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The language of the portal: a German browser gets German, the user menu's choice beats the browser and follows the
 * user to another device, a guest's choice holds until the browser forgets its cookies.
 */
class LanguageBrowserIT extends BrowserTestBase {

    private static final String GERMAN = "de-DE,de";

    /**
     * A German-speaking user sees the login and home pages in German, switches to English in the user menu and
     * stays in English on the next pages, after the logout and, on a fresh browser that still asks for German, after
     * logging in again (the choice is on the account). Eddie's account keeps "English" afterwards; the other browser
     * stories speak English anyway.
     */
    @Test
    void aGermanSpeakerSeesGermanAndHerChoiceOfEnglishFollowsHer() throws Exception {
        browserSpeaking(GERMAN);

        open("/login.xhtml");
        assertAll(
                () -> assertEquals("de", pageLanguage()),
                () -> assertEquals("Anmelden · Portico", browser().getTitle()),
                () -> assertEquals("Bei Portico anmelden", find("h1").getText()),
                () -> assertTrue(find("label[for='login:username']").getText().startsWith("Benutzername")),
                () -> assertEquals("Anmelden", find("#login\\:submit").getText()),
                () -> assertTrue(find("footer").getText().contains("die Eingangstür zu Ihren Apps")),
                () -> assertEquals("true", find("#language-de").getAttribute("aria-pressed")));
        submitLogin("x".repeat(65), "wrong-password");
        assertTrue(find("#login").getText().contains("Ein Benutzername hat höchstens 64 Zeichen."),
                "Bean Validation's message from the bundle, in German");
        submitLogin("eddie", "wrong-password");
        assertTrue(find("#login\\:messages").getText().contains("Benutzername oder Passwort ist falsch."));
        snapshot("login-in-german");

        submitLogin("eddie", DEMO_PASSWORD);
        find("#greeting");
        assertAll(
                () -> assertEquals("/home.xhtml", path()),
                () -> assertEquals("de", pageLanguage()),
                () -> assertEquals("Startseite", find("#nav-home").getText()),
                () -> assertTrue(find("#roles").getText().contains("Redakteur"), "the roles' names"),
                () -> assertTrue(find("footer").getText().contains("die Eingangstür zu Ihren Apps")));
        find("#userMenu\\:menu_button").click();
        assertEquals("Angemeldet als eddie", find("#userMenu\\:account").getText());
        snapshot("home-in-german-with-the-user-menu");

        clickToNavigate("#userMenu\\:language-en");
        assertAll(
                () -> assertEquals("/home.xhtml", path(), "back on the page where the switch was"),
                () -> assertEquals("en", pageLanguage()),
                () -> assertEquals("Home", find("#nav-home").getText()),
                () -> assertTrue(find("footer").getText().contains("the front door of your apps")));

        open("/no-such-page.xhtml");
        assertAll(
                () -> assertEquals("Page not found · Portico", browser().getTitle()),
                () -> assertEquals("en", pageLanguage()));

        open("/home.xhtml");
        logout();
        assertAll(
                () -> assertTrue(find("#loggedOut").getText().contains("You have logged out.")),
                () -> assertEquals("Log in to Portico", find("h1").getText()));

        // Another device: the same German browser without the cookie. The guest page follows the browser, the
        // login the account.
        browser().manage().deleteAllCookies();
        open("/login.xhtml");
        assertEquals("Bei Portico anmelden", find("h1").getText());
        submitLogin("eddie", DEMO_PASSWORD);
        find("#greeting");
        assertAll(
                () -> assertEquals("en", pageLanguage()),
                () -> assertEquals("Home", find("#nav-home").getText()));
    }

    /** An English browser whose guest chooses Deutsch gets German, on the next pages and after logging in. */
    @Test
    void anEnglishBrowserSwitchedToDeutschShowsGerman() throws Exception {
        browserSpeaking(Browser.ENGLISH);
        open("/login.xhtml");
        submitLogin("x".repeat(65), "wrong-password");
        assertTrue(find("#login").getText().contains("A username has at most 64 characters."), "as before, in English");

        open("/login.xhtml?continue=/admin/users.xhtml");
        assertAll(
                () -> assertEquals("en", pageLanguage()),
                () -> assertEquals("Log in to Portico", find("h1").getText()),
                () -> assertEquals("English", find("#language-en").getText()),
                () -> assertEquals("Deutsch", find("#language-de").getText()));

        clickToNavigate("#language-de");
        assertAll(
                () -> assertEquals("/login.xhtml?continue=/admin/users.xhtml", path(), "the same page, query and all"),
                () -> assertEquals("de", pageLanguage()),
                () -> assertEquals("Bei Portico anmelden", find("h1").getText()),
                () -> assertEquals("true", find("#language-de").getAttribute("aria-pressed")));
        snapshot("guest-switched-to-german");

        submitLogin("ada", DEMO_PASSWORD);
        assertAll(
                () -> assertEquals("/admin/users.xhtml", path()),
                () -> assertEquals("de", pageLanguage()),
                () -> assertEquals("Benutzer", find("#nav-users").getText()),
                () -> assertEquals("Schlüssel", find("#nav-keys").getText()));

        open("/admin/no-such-page.xhtml");
        assertAll(
                () -> assertEquals("Seite nicht gefunden · Portico", browser().getTitle()),
                () -> assertTrue(find("#error-not-found").getText().contains("Unter dieser Adresse gibt es keine Seite.")));
    }

    private String pageLanguage() {
        return (String) ((JavascriptExecutor) browser()).executeScript("return document.documentElement.lang;");
    }
}
