package org.portico.web.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The site admin's user management, clicked through in the browser. */
class UserAdminIT extends BrowserTestBase {

    private static final String PASSWORD = "a-long-enough-secret";

    private void openCreateDialog() {
        find("#users\\:new").click();
        find("#createForm\\:username");
    }

    private void createUser(String username, String name, String password) {
        openCreateDialog();
        type("#createForm\\:username", username);
        type("#createForm\\:displayName", name);
        type("#createForm\\:email", username + "@example.org");
        type("#createForm\\:password", password);
        find("#createForm\\:save").click();
    }

    /** As ada, creates a user with a unique username and leaves the list showing just that user in row 0. */
    private String adaCreatesAndFinds(String prefix, String name) {
        String username = unique(prefix);
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/users.xhtml");
        createUser(username, name, PASSWORD);
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("createDialog")));
        search("users", username);
        return username;
    }

    @Test
    void adaCreatesAUserWhoThenLogsIn() {
        String username = unique("carol");
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/users.xhtml");

        createUser(username, "Carol Created", PASSWORD);

        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("createDialog")));
        assertTrue(find("#users\\:growl_container").getText().contains("User '" + username + "' was created."));
        search("users", username);
        assertTrue(find("#users\\:table").getText().contains("Carol Created"));

        logout();
        loginAs(username, PASSWORD);
        assertAll(
                () -> assertEquals("Welcome, Carol Created", find("#greeting").getText()),
                () -> assertFalse(present("#nav-users")));
    }

    @Test
    void badInputKeepsTheDialogOpenWithMessagesAndLosesNothing() {
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/users.xhtml");

        createUser("Not Valid!", "Somebody", "short");

        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("createForm"), "lower case letters"));
        assertAll(
                () -> assertTrue(find("#createForm").getText().contains("The password must have 10 to 256 characters.")),
                () -> assertEquals("Somebody", find("#createForm\\:displayName").getAttribute("value")),
                () -> assertTrue(find("#createDialog").isDisplayed()));
    }

    /**
     * The user store's own reasons (here: the password contains the username, which only the service checks) reach a
     * German admin in German, next to the dialog's input, not as the English text of the refusal.
     */
    @Test
    void aGermanAdminIsToldInGermanWhyAPasswordIsRefused() {
        browserSpeaking("de-DE,de");
        try {
            String username = unique("dora");
            loginAs("ada", DEMO_PASSWORD);
            open("/admin/users.xhtml");

            createUser(username, "Dora", "x-" + username + "-secret");

            waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("createForm"), "Benutzernamen"));
            String form = find("#createForm").getText();
            assertAll(
                    () -> assertTrue(form.contains("Das Passwort darf den Benutzernamen nicht enthalten."), form),
                    () -> assertFalse(form.contains("must not contain"), form),
                    () -> assertTrue(find("#createDialog").isDisplayed()));
        } finally {
            browserSpeaking(Browser.ENGLISH);
        }
    }

    @Test
    void aTakenUsernameIsRefusedWithAClearMessage() {
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/users.xhtml");

        createUser("alice", "Another Alice", PASSWORD);

        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("createForm"), "already taken"));
        assertTrue(find("#createDialog").isDisplayed());
    }

    @Test
    void aDisabledUserCannotLogInAndCanBeEnabledAgain() {
        String username = adaCreatesAndFinds("dave", "Dave Disabled");

        find("#users\\:table\\:0\\:toggle").click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#users\\:table"), "Disabled"));

        logout();
        open("/login.xhtml");
        submitLogin(username, PASSWORD);
        assertTrue(find("#login\\:messages").getText().contains("Wrong username or password."));

        loginAs("ada", DEMO_PASSWORD);
        open("/admin/users.xhtml");
        search("users", username);
        find("#users\\:table\\:0\\:toggle").click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#users\\:table"), "Enabled"));
        logout();
        loginAs(username, PASSWORD);
        assertEquals("Welcome, Dave Disabled", find("#greeting").getText());
    }

    @Test
    void adaResetsAPasswordAndAssignsARole() {
        String username = adaCreatesAndFinds("erin", "Erin Editor");

        find("#users\\:table\\:0\\:password").click();
        type("#passwordForm\\:newPassword", "the-new-secret-42");
        find("#passwordForm\\:save").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("passwordDialog")));

        find("#users\\:table\\:0\\:edit").click();
        find("#editForm\\:roles label[for='editForm:roles:1']").click();
        find("#editForm\\:save").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("editDialog")));
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#users\\:table"), "Content editor"));

        logout();
        loginAs(username, "the-new-secret-42");
        assertTrue(find("#roles").getText().contains("Content editor"));
    }
}
