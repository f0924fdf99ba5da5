package org.portico.web.it;

import java.util.EnumSet;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.web.user.UserAccount;
import org.portico.web.user.PasswordHasher;
import org.portico.web.user.Role;
import org.portico.web.user.ExternalAccounts;
import org.portico.web.user.ExternalIdentity;
import org.portico.web.user.UserRejectedException;
import org.portico.web.user.UserService;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in user store and its password hashing, inside WildFly against the real database; and the users of an
 * OpenID provider, created at their first login and found again by issuer + subject (migration V6). Tagged
 * {@code database}: the build runs it against H2 and again against PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class UserStoreIT {

    private static final String PASSWORD = "a-long-enough-secret";

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClass(UserStoreIT.class);
    }

    @Inject
    UserService users;

    @Inject
    PasswordHasher hasher;

    @Inject
    ExternalAccounts externalAccounts;

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    @Test
    void passwordsAreStoredAsSaltedPbkdf2Hashes() {
        String username = unique("hash");
        UserAccount user = users.create(username, "Hash Test", null, PASSWORD, EnumSet.of(Role.END_USER));
        UserAccount twin = users.create(unique("twin"), "Twin", null, PASSWORD, EnumSet.of(Role.END_USER));

        String stored = users.findByUsername(username).orElseThrow().getPasswordHash();
        assertAll(
                () -> assertTrue(stored.startsWith("PBKDF2WithHmacSHA512:210000:"), stored),
                () -> assertFalse(stored.contains(PASSWORD)),
                () -> assertNotEquals(stored, twin.getPasswordHash(), "each hash has its own salt"),
                () -> assertTrue(hasher.verify(PASSWORD, stored)),
                () -> assertFalse(hasher.verify("a-long-enough-secreT", stored)),
                () -> assertEquals(user.getId(), users.findByUsername(username.toUpperCase()).orElseThrow().getId(),
                        "usernames are case-insensitive"));
    }

    @Test
    void authenticationNeedsTheRightPasswordAndAnEnabledUser() {
        String username = unique("auth");
        UserAccount user = users.create(username, "Auth Test", "auth@example.org", PASSWORD, EnumSet.of(Role.END_USER));

        assertAll(
                () -> assertTrue(users.authenticate(username, PASSWORD).isPresent()),
                () -> assertTrue(users.authenticate(" " + username.toUpperCase() + " ", PASSWORD).isPresent()),
                () -> assertTrue(users.authenticate(username, "wrong-password-1").isEmpty()),
                () -> assertTrue(users.authenticate("nobody-" + username, PASSWORD).isEmpty()),
                () -> assertTrue(users.authenticate(username, "x".repeat(100_000)).isEmpty(), "oversized input"));

        users.setEnabled(user.getId(), false);
        assertTrue(users.authenticate(username, PASSWORD).isEmpty(), "a disabled user can't log in");
    }

    @Test
    void theDemoUsersExistWithTheirRoles() {
        assertAll(
                () -> assertEquals(EnumSet.of(Role.END_USER), users.findByUsername("alice").orElseThrow().getRoles()),
                () -> assertTrue(users.findByUsername("eddie").orElseThrow().getRoles().contains(Role.CONTENT_EDITOR)),
                () -> assertTrue(users.findByUsername("ada").orElseThrow().getRoles().contains(Role.SITE_ADMIN)));
    }

    @Test
    void badInputIsRefusedWithAReason() {
        assertAll(
                () -> assertThrows(UserRejectedException.UsernameTaken.class,
                        () -> users.create("alice", "Alice Again", null, PASSWORD, EnumSet.of(Role.END_USER))),
                () -> assertThrows(UserRejectedException.InvalidUser.class,
                        () -> users.create("no spaces", "X", null, PASSWORD, EnumSet.of(Role.END_USER))),
                () -> assertThrows(UserRejectedException.WeakPassword.class,
                        () -> users.create(unique("weak"), "Weak", null, "short", EnumSet.of(Role.END_USER))),
                () -> assertThrows(UserRejectedException.InvalidUser.class,
                        () -> users.create(unique("mail"), "Mail", "not-an-address", PASSWORD, EnumSet.of(Role.END_USER))),
                () -> assertThrows(UserRejectedException.UserNotFound.class, () -> users.getById(-1)));
    }

    @Test
    void theLastEnabledSiteAdminCannotBeDisabledOrDemoted() {
        String username = unique("admin");
        UserAccount admin = users.create(username, "Second Admin", null, PASSWORD, EnumSet.of(Role.SITE_ADMIN));
        UserAccount ada = users.findByUsername("ada").orElseThrow();
        for (UserAccount other : users.search("", 0, 10_000, "username", true)) {
            if (other.getRoles().contains(Role.SITE_ADMIN) && !other.getId().equals(admin.getId())) {
                users.setRoles(other.getId(), EnumSet.of(Role.END_USER));
            }
        }
        try {
            assertThrows(UserRejectedException.LastSiteAdmin.class, () -> users.setEnabled(admin.getId(), false));
            assertThrows(UserRejectedException.LastSiteAdmin.class, () -> users.setRoles(admin.getId(), EnumSet.of(Role.END_USER)));
        } finally {
            users.setRoles(ada.getId(), EnumSet.of(Role.END_USER, Role.SITE_ADMIN));
            users.setEnabled(admin.getId(), false);
        }
    }

    @Test
    void searchFindsByUsernameNameOrEmailAndPages() {
        String tag = unique("srch");
        for (int i = 0; i < 12; i++) {
            users.create(tag + "-" + i, "Search Person " + i, tag + i + "@example.org", PASSWORD, EnumSet.of(Role.END_USER));
        }

        assertAll(
                () -> assertEquals(12, users.count(tag)),
                () -> assertEquals(10, users.search(tag, 0, 10, "username", true).size()),
                () -> assertEquals(2, users.search(tag, 10, 10, "username", true).size()),
                () -> assertEquals(tag + "-9", users.search(tag, 0, 1, "username", false).get(0).getUsername()),
                () -> assertEquals(1, users.count(tag + "11@")),
                () -> assertEquals(0, users.count("%"), "a % in the query is a literal, not a wildcard"));
    }

    // ---- users of an OpenID provider (ExternalAccounts) ----------------------------------------------------

    private static final String ISSUER = "https://login.example.org/realms/it";

    private static ExternalIdentity identity(String issuer, String subject, String preferred, String name, Set<Role> roles) {
        return new ExternalIdentity(issuer, subject, preferred, name, preferred + "@idp.example", roles);
    }

    @Test
    void theFirstLoginCreatesAUserWithoutPasswordWhoCannotUseTheForm() {
        String name = unique("first");

        UserAccount user = externalAccounts.signIn(identity(ISSUER, unique("sub-"), name, "First Login", EnumSet.of(Role.END_USER))).orElseThrow();

        assertAll(
                () -> assertEquals(name, user.getUsername()),
                () -> assertEquals("First Login", user.getDisplayName()),
                () -> assertEquals(Set.of(Role.END_USER), user.getRoles()),
                () -> assertNull(users.findByUsername(name).orElseThrow().getPasswordHash()),
                () -> assertTrue(users.authenticate(name, "any-password-at-all").isEmpty()));
    }

    @Test
    void laterLoginsFindTheUserByIssuerAndSubjectAndTakeNameAndRolesFromTheProvider() {
        String subject = unique("sub-");
        String name = unique("again");
        UserAccount first = externalAccounts.signIn(identity(ISSUER, subject, name, "Before", EnumSet.of(Role.END_USER))).orElseThrow();

        UserAccount second = externalAccounts.signIn(identity(ISSUER, subject, "renamed-at-the-idp", "After",
                EnumSet.of(Role.END_USER, Role.SITE_ADMIN))).orElseThrow();

        assertAll(
                () -> assertEquals(first.getId(), second.getId()),
                () -> assertEquals(name, second.getUsername(), "the username stays"),
                () -> assertEquals("After", users.getById(first.getId()).getDisplayName()),
                () -> assertEquals(Set.of(Role.END_USER, Role.SITE_ADMIN), users.getById(first.getId()).getRoles()));
    }

    @Test
    void aLocalUserWithTheSameNameIsNeverTakenOver() {
        String name = unique("local");
        UserAccount local = users.create(name, "Local User", null, "a-long-enough-secret", EnumSet.of(Role.END_USER));

        UserAccount external = externalAccounts.signIn(identity(ISSUER, unique("sub-"), name, "Someone Else",
                EnumSet.of(Role.SITE_ADMIN))).orElseThrow();

        assertAll(
                () -> assertNotEquals(local.getId(), external.getId()),
                () -> assertTrue(external.getUsername().matches(name + "-[0-9a-f]{6}"), external.getUsername()),
                () -> assertEquals(Set.of(Role.END_USER), users.getById(local.getId()).getRoles()),
                () -> assertTrue(users.authenticate(name, "a-long-enough-secret").isPresent()));
    }

    @Test
    void theSameSubjectAtAnotherProviderIsAnotherUser() {
        String subject = unique("sub-");
        String name = unique("twin");

        UserAccount one = externalAccounts.signIn(identity(ISSUER, subject, name, "One", EnumSet.of(Role.END_USER))).orElseThrow();
        UserAccount other = externalAccounts.signIn(identity("https://other.example.org", subject, name, "Other",
                EnumSet.of(Role.END_USER))).orElseThrow();

        assertNotEquals(one.getId(), other.getId());
    }

    @Test
    void aUserDisabledInPorticoStaysOutWhateverTheProviderSays() {
        String subject = unique("sub-");
        UserAccount user = externalAccounts.signIn(identity(ISSUER, subject, unique("off"), "Off", EnumSet.of(Role.END_USER))).orElseThrow();
        users.setEnabled(user.getId(), false);

        assertTrue(externalAccounts.signIn(identity(ISSUER, subject, user.getUsername(), "Off", EnumSet.of(Role.END_USER))).isEmpty());
    }

    @Test
    void providerUsernamesAreMadeValid() {
        UserAccount user = externalAccounts.signIn(identity(ISSUER, unique("sub-"), "Jane.Doe@Example.ORG " + unique(""),
                "Jane", EnumSet.of(Role.END_USER))).orElseThrow();

        assertTrue(user.getUsername().matches("jane\\.doe-example\\.org-[a-z0-9]+"), user.getUsername());
    }
}
