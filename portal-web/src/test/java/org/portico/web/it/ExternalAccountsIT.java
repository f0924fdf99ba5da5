package org.portico.web.it;

import java.util.EnumSet;
import java.util.Set;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.web.persistence.UserAccount;
import org.portico.web.security.Role;
import org.portico.web.user.ExternalAccounts;
import org.portico.web.user.ExternalIdentity;
import org.portico.web.user.UserService;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users of an OpenID provider, created at their first login and found again by issuer + subject, inside WildFly
 * against the real database (migration V6). Tagged {@code database}: runs on H2 and on PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class ExternalAccountsIT {

    private static final String ISSUER = "https://login.example.org/realms/it";

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClass(ExternalAccountsIT.class);
    }

    @Inject
    ExternalAccounts accounts;

    @Inject
    UserService users;

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    private static ExternalIdentity identity(String issuer, String subject, String preferred, String name, Set<Role> roles) {
        return new ExternalIdentity(issuer, subject, preferred, name, preferred + "@idp.example", roles);
    }

    @Test
    void theFirstLoginCreatesAUserWithoutPasswordWhoCannotUseTheForm() {
        String name = unique("first");

        UserAccount user = accounts.signIn(identity(ISSUER, unique("sub-"), name, "First Login", EnumSet.of(Role.END_USER))).orElseThrow();

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
        UserAccount first = accounts.signIn(identity(ISSUER, subject, name, "Before", EnumSet.of(Role.END_USER))).orElseThrow();

        UserAccount second = accounts.signIn(identity(ISSUER, subject, "renamed-at-the-idp", "After",
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

        UserAccount external = accounts.signIn(identity(ISSUER, unique("sub-"), name, "Someone Else",
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

        UserAccount one = accounts.signIn(identity(ISSUER, subject, name, "One", EnumSet.of(Role.END_USER))).orElseThrow();
        UserAccount other = accounts.signIn(identity("https://other.example.org", subject, name, "Other",
                EnumSet.of(Role.END_USER))).orElseThrow();

        assertNotEquals(one.getId(), other.getId());
    }

    @Test
    void aUserDisabledInPorticoStaysOutWhateverTheProviderSays() {
        String subject = unique("sub-");
        UserAccount user = accounts.signIn(identity(ISSUER, subject, unique("off"), "Off", EnumSet.of(Role.END_USER))).orElseThrow();
        users.setEnabled(user.getId(), false);

        assertTrue(accounts.signIn(identity(ISSUER, subject, user.getUsername(), "Off", EnumSet.of(Role.END_USER))).isEmpty());
    }

    @Test
    void providerUsernamesAreMadeValid() {
        UserAccount user = accounts.signIn(identity(ISSUER, unique("sub-"), "Jane.Doe@Example.ORG " + unique(""),
                "Jane", EnumSet.of(Role.END_USER))).orElseThrow();

        assertTrue(user.getUsername().matches("jane\\.doe-example\\.org-[a-z0-9]+"), user.getUsername());
    }
}
