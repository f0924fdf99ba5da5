package org.portico.web.it;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientSecret;
import org.portico.deeplink.oauth.ClientAuthenticator;
import org.portico.web.app.AppDraft;
import org.portico.web.app.AppRejectedException;
import org.portico.web.app.AppSaved;
import org.portico.web.app.AppService;
import org.portico.web.app.ClientAuthentication;
import org.portico.web.app.DemoApps;
import org.portico.web.app.UserClaim;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.app.RegisteredApp;
import org.portico.web.problem.FieldMessage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.unique;

/**
 * The app registry inside WildFly against the real database: validation, secret hashing, uniqueness, optimistic
 * locking, the token exchange policy. Tagged {@code database} (runs on H2 and PostgreSQL) and tolerant of rows
 * left by earlier runs: every app has a unique id and audience.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class AppRegistryIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClasses(AppRegistryIT.class, ItSupport.class);
    }

    @Inject
    AppService apps;

    @Inject
    PorticoIssuer issuer;

    @Inject
    ClientAuthenticator clients;


    private static AppDraft secretApp(String id) {
        return new AppDraft(id, "App " + id, "for tests", "https://" + id + ".example",
                List.of("https://" + id + ".example/app/", "http://localhost:9000/" + id), List.of("name", "roles"),
                null, "client_secret", null, List.of(), false, true);
    }

    private static AppDraft keyApp(String id, List<String> exchangeAudiences) {
        return new AppDraft(id, "Key app " + id, null, "urn:test:" + id, List.of("https://" + id + ".example"),
                List.of(), 60, "private_key_jwt", "https://" + id + ".example/jwks.json", exchangeAudiences, true, true);
    }

    @Test
    void aRegisteredAppKeepsOnlyAHashOfItsGeneratedSecret() {
        String id = unique("hash");
        AppSaved saved = apps.create(secretApp(id));
        String secret = saved.oneTimeSecret().orElseThrow();
        RegisteredApp stored = apps.getById(id);

        assertAll(
                () -> assertTrue(secret.matches("[A-Za-z0-9_-]{43}"), "32 random bytes, base64url: " + secret),
                // Issue 8: a keyed HMAC, no longer PBKDF2 (a wrong secret must not cost 210,000 iterations).
                () -> assertTrue(stored.getClientSecretHash().startsWith("hmac-sha256$"), stored.getClientSecretHash()),
                () -> assertFalse(stored.getClientSecretHash().contains(secret)),
                () -> assertTrue(apps.verifySecret(id, secret)),
                () -> assertFalse(apps.verifySecret(id, secret + "x")),
                () -> assertEquals(List.of("https://" + id + ".example/app", "http://localhost:9000/" + id),
                        stored.getBaseUrls(), "normalised, in the given order"),
                () -> assertEquals(300, stored.getTokenLifetimeSeconds(), "the default lifetime"),
                () -> assertEquals(java.util.Set.of(UserClaim.NAME, UserClaim.ROLES), stored.getClaims()));
    }

    @Test
    void aRegeneratedSecretReplacesTheOldOneAtOnce() {
        String id = unique("regen");
        String first = apps.create(secretApp(id)).oneTimeSecret().orElseThrow();

        String second = apps.regenerateSecret(id).oneTimeSecret().orElseThrow();

        assertAll(
                () -> assertNotEquals(first, second),
                () -> assertFalse(apps.verifySecret(id, first)),
                () -> assertTrue(apps.verifySecret(id, second)));
    }

    @Test
    void aDisabledAppsSecretDoesNotVerify() {
        String id = unique("off");
        String secret = apps.create(secretApp(id)).oneTimeSecret().orElseThrow();

        apps.setEnabled(id, false);

        assertFalse(apps.verifySecret(id, secret));
    }

    @Test
    void privateKeyJwtAppsHaveNoSecretUntilTheySwitchToOne() {
        String id = unique("keys");
        AppSaved saved = apps.create(keyApp(id, List.of()));
        RegisteredApp app = saved.app();

        assertAll(
                () -> assertTrue(saved.oneTimeSecret().isEmpty()),
                () -> assertNull(apps.getById(id).getClientSecretHash()),
                () -> assertEquals(ClientAuthentication.PRIVATE_KEY_JWT, app.getClientAuthentication()),
                () -> assertThrows(AppRejectedException.NoClientSecret.class, () -> apps.regenerateSecret(id)));

        AppDraft switched = new AppDraft(null, app.getName(), null, app.getAudience(), app.getBaseUrls(), List.of(),
                60, "client_secret", null, List.of(), false, true);
        String secret = apps.update(id, apps.getById(id).getVersion(), switched).oneTimeSecret().orElseThrow();
        assertAll(
                () -> assertTrue(apps.verifySecret(id, secret)),
                () -> assertNull(apps.getById(id).getJwksUrl()));
    }

    @Test
    void invalidRegistrationsListEveryProblem() {
        AppDraft bad = new AppDraft("X", "", null, "has space", List.of("ftp://files.example"), List.of("password"),
                9999, "private_key_jwt", "http://keys.example/jwks", List.of("urn:nobody:" + unique("x")), false, true);

        AppRejectedException.InvalidApp invalid = assertThrows(AppRejectedException.InvalidApp.class, () -> apps.create(bad));

        assertEquals(List.of("id", "name", "audience", "baseUrls", "claims", "tokenLifetimeSeconds", "jwksUrl",
                "exchangeAudiences"), invalid.errors().stream().map(FieldMessage::field).toList());
    }

    @Test
    void idsAndAudiencesAreUnique() {
        String id = unique("dup");
        apps.create(secretApp(id));
        AppDraft sameAudience = new AppDraft(unique("other"), "Other", null, "https://" + id + ".example",
                List.of("https://other.example"), List.of(), null, "client_secret", null, List.of(), false, true);

        assertAll(
                () -> assertThrows(AppRejectedException.AppIdTaken.class, () -> apps.create(secretApp(id))),
                () -> assertThrows(AppRejectedException.AppIdTaken.class, () -> apps.create(new AppDraft(
                        " " + id.toUpperCase() + " ", "Same id", null, "urn:other:" + id, List.of("https://other.example"),
                        List.of(), null, "client_secret", null, List.of(), false, true)), "ids are case-insensitive"),
                () -> assertThrows(AppRejectedException.AudienceTaken.class, () -> apps.create(sameAudience)));
    }

    @Test
    void anUpdateBasedOnAnOldVersionIsRefused() {
        String id = unique("stale");
        RegisteredApp created = apps.create(secretApp(id)).app();
        long seen = created.getVersion();
        AppDraft renamed = new AppDraft(null, "Renamed", null, created.getAudience(), created.getBaseUrls(),
                List.of("email"), 600, "client_secret", null, List.of(), false, true);

        RegisteredApp updated = apps.update(id, seen, renamed).app();

        assertAll(
                () -> assertEquals("Renamed", apps.getById(id).getName()),
                () -> assertEquals(600, apps.getById(id).getTokenLifetimeSeconds()),
                () -> assertTrue(updated.getVersion() > seen),
                () -> assertThrows(AppRejectedException.StaleApp.class, () -> apps.update(id, seen, renamed)),
                () -> assertThrows(AppRejectedException.AppNotFound.class, () -> apps.update(unique("none"), 0, renamed)));
    }

    @Test
    void theExchangePolicyNamesOtherAppsAndForgetsDeletedOnes() {
        String target = unique("target");
        apps.create(secretApp(target));
        String source = unique("source");
        apps.create(keyApp(source, List.of("https://" + target + ".example")));

        assertEquals(List.of("https://" + target + ".example"), apps.getById(source).getExchangeAudiences());

        apps.delete(target);
        assertAll(
                () -> assertTrue(apps.findById(target).isEmpty()),
                () -> assertEquals(List.of(), apps.getById(source).getExchangeAudiences()),
                () -> assertThrows(AppRejectedException.AppNotFound.class, () -> apps.delete(target)));
    }

    @Test
    void searchFindsByIdNameOrAudienceAndPages() {
        String tag = unique("srch");
        for (int i = 0; i < 12; i++) {
            apps.create(secretApp(tag + "-" + i));
        }

        assertAll(
                () -> assertEquals(12, apps.count(tag)),
                () -> assertEquals(10, apps.search(tag, 0, 10, "id", true).size()),
                () -> assertEquals(2, apps.search(tag, 10, 10, "id", true).size()),
                () -> assertEquals(tag + "-9", apps.search(tag, 0, 1, "id", false).get(0).getId()),
                () -> assertEquals(1, apps.count("https://" + tag + "-11.")),
                () -> assertEquals(0, apps.count("%_")));
    }

    /**
     * Issue 8: apps registered before the keyed hash keep a PBKDF2 hash; it verifies once more the slow way at the
     * token endpoint's client authentication and is then stored as the keyed hash.
     */
    @Test
    void aLegacyPbkdf2HashMovesToTheKeyedHashOnItsFirstSuccessfulUse() {
        String id = unique("legacy");
        String secret = apps.create(secretApp(id)).oneTimeSecret().orElseThrow();
        ClientSecret current = new ClientSecret(apps.getById(id).getClientSecretHash());
        ClientSecret legacy = ClientSecret.hashOf(secret, ClientSecret.MIN_ITERATIONS);
        assertTrue(apps.upgradeSecretHash(id, current, legacy), "the row now looks like one from before issue 8");
        boolean legacyVerifies = apps.verifySecret(id, secret);

        AppRegistration first = clients.authenticate(ItSupport.basic(id, secret), Map.of(), "192.0.2.80");
        String after = apps.getById(id).getClientSecretHash();
        AppRegistration second = clients.authenticate(ItSupport.basic(id, secret), Map.of(), "192.0.2.80");

        assertAll(
                () -> assertTrue(legacyVerifies),
                () -> assertEquals(id, first.id()),
                () -> assertTrue(after.startsWith("hmac-sha256$"), after),
                () -> assertNotEquals(legacy.hash(), after),
                () -> assertEquals(id, second.id(), "the keyed hash verifies the same secret"),
                () -> assertTrue(apps.verifySecret(id, secret)),
                () -> assertFalse(apps.verifySecret(id, secret + "x")),
                () -> assertFalse(apps.upgradeSecretHash(id, legacy, current), "only a hash still in place is replaced"));
    }

    /** Registered under the server's issuer (http://127.0.0.1:<port> here), where the demo app is deployed too. */
    @Test
    void theDemoAppIsRegisteredWithItsDocumentedSecret() {
        RegisteredApp demo = apps.getById(DemoApps.ID);
        String audience = issuer.url() + "/demo-app";

        assertAll(
                () -> assertEquals("Demo App", demo.getName()),
                () -> assertTrue(audience.startsWith("http://127.0.0.1:"), audience),
                () -> assertEquals(audience, demo.getAudience()),
                // Its second base URL names the same server by the other loopback name: panes frame it there.
                () -> assertEquals(List.of(audience, audience.replace("127.0.0.1", "localhost")), demo.getBaseUrls()),
                () -> assertTrue(demo.isMayBeFramed()),
                () -> assertEquals("allow-scripts allow-same-origin allow-forms", demo.getSandbox()),
                () -> assertEquals(java.util.EnumSet.allOf(UserClaim.class), java.util.EnumSet.copyOf(demo.getClaims())),
                () -> assertEquals(300, demo.getTokenLifetimeSeconds()),
                () -> assertTrue(apps.verifySecret(DemoApps.ID, DemoApps.DEMO_SECRET)),
                () -> assertTrue(apps.findByAudience(audience).isPresent()));
    }
}
