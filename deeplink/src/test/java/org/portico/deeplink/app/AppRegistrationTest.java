package org.portico.deeplink.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AppRegistrationTest {

    private static final ClientSecret HASH = ClientSecret.hashOf("s".repeat(16) + "0123456789abcdefXYZ",
            ClientSecret.MIN_ITERATIONS);

    @Test
    void defaultsAreFiveMinutesNoClaimsNoExchange() {
        AppRegistration app = AppRegistration.builder("demo-app").name("Demo").baseUrl("http://127.0.0.1:8081/demo/")
                .audience("demo-app").clientAuthentication(HASH).build();
        assertAll(
                () -> assertEquals(Duration.ofMinutes(5), app.tokenLifetime()),
                () -> assertEquals(Set.of(), app.allowedClaims()),
                () -> assertEquals(Set.of(), app.exchangeAudiences()),
                () -> assertFalse(app.trustedForSignOn()),
                () -> assertEquals("http://127.0.0.1:8081/demo", app.baseUrls().get(0).toString()),
                () -> assertEquals(app, app.toBuilder().build()));
    }

    @Test
    void aTrustedAppSignsInOnlyUsersWhoseEveryRoleIsAmongItsSignOnRoles() {
        AppRegistration.Builder builder = AppRegistration.builder("partner").name("Partner")
                .baseUrl("https://partner.example").audience("partner").clientAuthentication(HASH);
        AppRegistration untrusted = builder.build();
        AppRegistration trusted = builder.trustedForSignOn(true).build();
        AppRegistration admins = builder.signOnRoles(Set.of("end-user", "site-admin")).build();
        assertAll(
                () -> assertEquals(Set.of("end-user"), untrusted.signOnRoles(), "the default"),
                () -> assertFalse(untrusted.maySignIn(Set.of("end-user")), "not trusted at all"),
                () -> assertTrue(trusted.maySignIn(Set.of("end-user"))),
                () -> assertFalse(trusted.maySignIn(Set.of("end-user", "site-admin"))),
                () -> assertFalse(trusted.maySignIn(Set.of("end-user", "content-editor"))),
                () -> assertTrue(admins.maySignIn(Set.of("end-user", "site-admin"))),
                () -> assertEquals(admins, admins.toBuilder().build()),
                () -> assertTrue(assertThrows(InvalidAppException.class, () -> builder.signOnRoles(null).build())
                        .getMessage().contains("sign-on roles")));
    }

    @Test
    void everyProblemIsListedAtOnce() {
        InvalidAppException e = assertThrows(InvalidAppException.class, () -> AppRegistration.builder("Billing App")
                .name("").audience("has space").tokenLifetime(Duration.ofHours(2)).exchangeAudiences("a:b#frag")
                .build());
        List<String> problems = e.problems();
        assertAll(
                () -> assertEquals(7, problems.size(), problems::toString),
                () -> assertTrue(problems.get(0).startsWith("id must be 2 to 63 characters"), problems::toString),
                () -> assertTrue(problems.get(0).endsWith("got 'Billing App'")),
                () -> assertTrue(problems.stream().anyMatch(p -> p.startsWith("token lifetime must be between PT30S and PT1H"))),
                () -> assertTrue(problems.stream().anyMatch(p -> p.startsWith("client authentication is required"))),
                () -> assertTrue(problems.stream().anyMatch(p -> p.startsWith("exchange audience that contains ':'"))));
    }

    /** Issue 8: generated secrets are stored as a keyed HMAC now, no longer as PBKDF2 (see ClientSecretHasherTest). */
    @Test
    void clientSecretsAreHashedAndComparedWithoutShowingThem() {
        ClientSecretHasher hasher = new ClientSecretHasher(new byte[32]);
        ClientSecret.Generated generated = hasher.generate();
        ClientSecret stored = generated.stored();
        assertAll(
                () -> assertEquals(43, generated.secret().length()),
                () -> assertTrue(stored.hash().startsWith("hmac-sha256$")),
                () -> assertFalse(stored.hash().contains(generated.secret())),
                () -> assertEquals(ClientSecretHasher.Verification.MATCHED, hasher.verify(stored, generated.secret())),
                () -> assertEquals(ClientSecretHasher.Verification.REFUSED,
                        hasher.verify(stored, generated.secret() + "x")),
                () -> assertEquals(ClientSecretHasher.Verification.REFUSED, hasher.verify(stored, null)),
                () -> assertFalse(generated.toString().contains(generated.secret())),
                () -> assertEquals("ClientSecret[hmac-sha256]", stored.toString()),
                () -> assertEquals("ClientSecret[pbkdf2-sha256]", HASH.toString()),
                () -> assertThrows(IllegalArgumentException.class, () -> ClientSecret.hashOf("short", 10_000)),
                () -> assertThrows(IllegalArgumentException.class, () -> new ClientSecret("md5$abc")));
    }

    @Test
    void jwksUrlsMustBeHttpsExceptOnLoopback() {
        assertAll(
                () -> new ClientAuthentication.PrivateKeyJwt(URI.create("https://billing.example/jwks.json")),
                () -> new ClientAuthentication.PrivateKeyJwt(URI.create("http://127.0.0.1:8081/jwks.json")),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new ClientAuthentication.PrivateKeyJwt(URI.create("http://billing.example/jwks.json"))));
    }
}
