package org.portico.deeplink.oauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientSecret;
import org.portico.deeplink.app.ClientSecretHasher;
import org.portico.deeplink.app.ClientAuthentication.PrivateKeyJwt;
import org.portico.deeplink.testing.TokenWorld;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;

class ClientAuthenticatorTest {

    private final TokenWorld world = new TokenWorld();
    private final ECKey partnerKey = generate("partner-key-1");
    private final AppRegistration partner = world.register(AppRegistration.builder("partner").name("Partner")
            .baseUrl("https://partner.example").audience("https://partner.example")
            .clientAuthentication(new PrivateKeyJwt(URI.create("https://partner.example/jwks.json")))
            .build());
    /** Upgrades of legacy hashes, stored as portal-web does: the app's registration gets the new hash. */
    private final List<String> upgraded = new ArrayList<>();
    private final ClientAuthenticator authenticator = new ClientAuthenticator(world,
            app -> new ImmutableJWKSet<>(new JWKSet(partnerKey.toPublicJWK())), world.replayGuard,
            TokenWorld.SECRETS, (clientId, legacy, current) -> {
                upgraded.add(clientId);
                world.register(world.findById(clientId).orElseThrow().toBuilder().clientAuthentication(current).build());
            }, TokenWorld.ISSUER, TokenWorld.TOKEN_ENDPOINT, world.clock);

    private static final String HOME = "192.0.2.1";
    private static final String OFFICE = "198.51.100.7";

    private AppRegistration authenticate(String authorization, Map<String, List<String>> form) {
        return authenticator.authenticate(authorization, form, HOME);
    }

    // ---- client secrets -------------------------------------------------------------------------------------------

    @Test
    void clientSecretBasicAndPostAuthenticateTheApp() {
        assertAll(
                () -> assertEquals(world.billing, authenticate(basic("billing", TokenWorld.BILLING_SECRET),
                        form())),
                () -> assertEquals(world.billing.id(), authenticate(basic("billing", TokenWorld.BILLING_SECRET),
                        form()).id(), "second time with the upgraded hash"),
                () -> assertEquals(world.billing.id(), authenticate(null,
                        form("client_id", "billing", "client_secret", TokenWorld.BILLING_SECRET)).id()));
    }

    /** Issue 8: a legacy PBKDF2 hash is checked the slow way once, then stored as the fast keyed hash. */
    @Test
    void aLegacyHashIsUpgradedOnItsFirstSuccessfulUseOnly() {
        assertError(OAuth2Error.INVALID_CLIENT, () -> authenticate(basic("billing", "wrong-" + TokenWorld.BILLING_SECRET),
                form()));
        List<String> afterFailure = List.copyOf(upgraded);
        authenticate(basic("billing", TokenWorld.BILLING_SECRET), form());
        authenticate(basic("billing", TokenWorld.BILLING_SECRET), form());

        ClientSecret stored = (ClientSecret) world.findById("billing").orElseThrow().clientAuthentication();
        assertAll(
                () -> assertEquals(List.of(), afterFailure, "a wrong secret upgrades nothing"),
                () -> assertEquals(List.of("billing"), upgraded, "upgraded once, on the first success"),
                () -> assertTrue(stored.hash().startsWith("hmac-sha256$")),
                () -> assertEquals(ClientSecretHasher.Verification.MATCHED,
                        TokenWorld.SECRETS.verify(stored, TokenWorld.BILLING_SECRET)),
                () -> assertError(OAuth2Error.INVALID_CLIENT, () -> authenticate(basic("billing", "wrong-secret"), form())));
    }

    // ---- throttling ----------------------------------------------------------------------------------------------

    @Test
    void aClientIdThatFailsTooOftenIsAnsweredSlowDownWithRetryAfter() {
        AppRegistration fast = fastApp("fast-app", "fast-app-secret-0123456789-abcdefghijk");
        for (int i = 0; i < ClientAuthenticator.CLIENT_FREE_ATTEMPTS; i++) {
            assertError(OAuth2Error.INVALID_CLIENT, () -> authenticator.authenticate(basic("fast-app", "wrong"), form(),
                    "203.0.113." + System.nanoTime() % 200));
        }
        OAuthException locked = assertThrows(OAuthException.class,
                () -> authenticator.authenticate(basic("fast-app", "wrong"), form(), OFFICE));
        AppRegistration stillIn = authenticator.authenticate(basic("fast-app", "fast-app-secret-0123456789-abcdefghijk"),
                form(), OFFICE);
        world.clock.advance(ClientAuthenticator.FIRST_LOCK.multipliedBy(2).plusSeconds(1));
        OAuthException afterLock = assertThrows(OAuthException.class,
                () -> authenticator.authenticate(basic("fast-app", "wrong"), form(), OFFICE));

        assertAll(
                () -> assertEquals(OAuthException.SLOW_DOWN, locked.error()),
                () -> assertEquals(429, locked.error().getHTTPStatusCode()),
                () -> assertEquals(Optional.of(ClientAuthenticator.FIRST_LOCK), locked.retryAfter()),
                () -> assertEquals(fast, stillIn, "the right secret still passes: a stranger can't lock an app out"),
                () -> assertEquals(OAuth2Error.INVALID_CLIENT, afterLock.error(), "the lock ends with time"));
    }

    @Test
    void aLockedClientIdGetsNoSlowLegacyCheck() {
        for (int i = 0; i < ClientAuthenticator.CLIENT_FREE_ATTEMPTS; i++) {
            assertError(OAuth2Error.INVALID_CLIENT, () -> authenticator.authenticate(basic("billing", "wrong"), form(),
                    "203.0.113." + System.nanoTime() % 200));
        }
        OAuthException locked = assertThrows(OAuthException.class, () -> authenticator.authenticate(
                basic("billing", TokenWorld.BILLING_SECRET), form(), OFFICE));

        assertAll(
                () -> assertEquals(OAuthException.SLOW_DOWN, locked.error()),
                () -> assertEquals(List.of(), upgraded, "the PBKDF2 check did not run"));
    }

    @Test
    void anAddressThatFailsTooOftenIsRefusedBeforeAnyCheck() {
        for (int i = 0; i < ClientAuthenticator.ADDRESS_FREE_ATTEMPTS; i++) {
            String id = "nobody-" + i; // random client ids: each id stays under its own limit
            assertError(OAuth2Error.INVALID_CLIENT, () -> authenticator.authenticate(basic(id, "wrong"), form(), HOME));
        }
        OAuthException locked = assertThrows(OAuthException.class, () -> authenticator.authenticate(
                basic("billing", TokenWorld.BILLING_SECRET), form(), HOME));
        AppRegistration elsewhere = authenticator.authenticate(basic("billing", TokenWorld.BILLING_SECRET), form(),
                OFFICE);

        assertAll(
                () -> assertEquals(OAuthException.SLOW_DOWN, locked.error()),
                () -> assertEquals(Optional.of(ClientAuthenticator.FIRST_LOCK), locked.retryAfter()),
                () -> assertEquals("billing", elsewhere.id(), "another address is not affected"));
    }

    @Test
    void anOverlongClientIdIsInvalidClient() {
        String huge = "x".repeat(60_000);
        assertError(OAuth2Error.INVALID_CLIENT, () -> authenticate(null, form("client_id", huge, "client_secret", "wrong")));
    }

    private AppRegistration fastApp(String id, String secret) {
        return world.register(AppRegistration.builder(id).name(id).baseUrl("https://" + id + ".example")
                .audience("https://" + id + ".example").clientAuthentication(TokenWorld.SECRETS.hash(secret)).build());
    }

    @Test
    void wrongSecretsUnknownClientsAndMissingAuthenticationAreInvalidClient() {
        assertAll(
                () -> assertError(OAuth2Error.INVALID_CLIENT, () -> authenticate(basic("billing", "wrong"), form())),
                () -> assertError(OAuth2Error.INVALID_CLIENT, () -> authenticate(
                        basic("nobody", TokenWorld.BILLING_SECRET), form())),
                () -> assertError(OAuth2Error.INVALID_CLIENT, () -> authenticate("Basic !!notbase64", form())),
                () -> assertError(OAuth2Error.INVALID_CLIENT, () -> authenticate(null, form())),
                () -> assertError(OAuth2Error.INVALID_CLIENT, () -> authenticate(
                        basic("partner", TokenWorld.BILLING_SECRET), form()), "partner uses private_key_jwt"),
                () -> assertError(OAuth2Error.INVALID_CLIENT, () -> authenticate(
                        basic("billing", TokenWorld.BILLING_SECRET), form("client_id", "crm"))));
    }

    @Test
    void usingTwoMethodsAtOnceIsAnInvalidRequest() {
        assertError(OAuth2Error.INVALID_REQUEST, () -> authenticate(basic("billing", TokenWorld.BILLING_SECRET),
                form("client_secret", TokenWorld.BILLING_SECRET)));
    }

    // ---- private_key_jwt ------------------------------------------------------------------------------------------

    @Test
    void aSignedAssertionAuthenticatesOnceOnly() {
        Map<String, List<String>> form = assertionForm(assertion(c -> c));
        assertEquals(partner, authenticate(null, (form)));
        assertError(OAuth2Error.INVALID_CLIENT, () -> authenticate(null, (form)));
    }

    @Test
    void assertionsWithWrongClaimsOrKeysAreInvalidClient() {
        Instant now = world.clock.instant();
        assertAll(
                () -> rejected(assertion(c -> c.audience("https://elsewhere.example/token"))),
                () -> rejected(assertion(c -> c.subject("billing"))),
                () -> rejected(assertion(c -> c.expirationTime(Date.from(now.minusSeconds(60))))),
                () -> rejected(assertion(c -> c.expirationTime(Date.from(now.plus(Duration.ofHours(1)))))),
                () -> rejected(assertion(c -> c.jwtID(null))),
                () -> rejected(sign(generate("partner-key-1"), claims(c -> c))),
                () -> rejected("not.a.jwt"),
                () -> assertError(OAuth2Error.INVALID_CLIENT, () -> authenticate(null, (Map.of(
                        "client_assertion_type", List.of("urn:other"),
                        "client_assertion", List.of(assertion(c -> c)))))));
    }

    @Test
    void theIssuerIsAcceptedAsAssertionAudienceToo() {
        assertEquals(partner, authenticate(null,
                (assertionForm(assertion(c -> c.audience(TokenWorld.ISSUER))))));
    }

    private void rejected(String assertion) {
        assertError(OAuth2Error.INVALID_CLIENT,
                () -> authenticate(null, (assertionForm(assertion))));
    }

    private String assertion(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(partnerKey, claims(change));
    }

    private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = world.clock.instant();
        return change.apply(new JWTClaimsSet.Builder().issuer("partner").subject("partner")
                .audience(TokenWorld.TOKEN_ENDPOINT).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID("a-" + System.nanoTime())).build();
    }

    private static String sign(ECKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<String>> assertionForm(String assertion) {
        return Map.of("client_assertion_type", List.of(ClientAuthenticator.JWT_BEARER),
                "client_assertion", List.of(assertion));
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return (map);
    }

    private static void assertError(ErrorObject code, Executable call) {
        assertEquals(code, assertThrows(OAuthException.class, call).error());
    }

    private static void assertError(ErrorObject code, Executable call, String message) {
        assertEquals(code, assertThrows(OAuthException.class, call, message).error(), message);
    }
}
