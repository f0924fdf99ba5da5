package org.portico.deeplink.oauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientAuthentication.PrivateKeyJwt;
import org.portico.deeplink.oauth.OAuthError.Code;
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

class ClientAuthenticatorTest {

    private final TokenWorld world = new TokenWorld();
    private final ECKey partnerKey = generate("partner-key-1");
    private final AppRegistration partner = world.register(AppRegistration.builder("partner").name("Partner")
            .baseUrl("https://partner.example").audience("https://partner.example")
            .clientAuthentication(new PrivateKeyJwt(URI.create("https://partner.example/jwks.json")))
            .build());
    private final ClientAuthenticator authenticator = new ClientAuthenticator(world,
            app -> new ImmutableJWKSet<>(new JWKSet(partnerKey.toPublicJWK())), world.replayGuard,
            TokenWorld.ISSUER, TokenWorld.TOKEN_ENDPOINT, world.clock);

    // ---- client secrets -------------------------------------------------------------------------------------------

    @Test
    void clientSecretBasicAndPostAuthenticateTheApp() {
        assertAll(
                () -> assertEquals(world.billing, authenticator.authenticate(basic("billing", TokenWorld.BILLING_SECRET),
                        form())),
                () -> assertEquals(world.billing, authenticator.authenticate(basic("billing", TokenWorld.BILLING_SECRET),
                        form()), "second time from the verified-secret cache"),
                () -> assertEquals(world.billing, authenticator.authenticate(null,
                        form("client_id", "billing", "client_secret", TokenWorld.BILLING_SECRET))));
    }

    @Test
    void wrongSecretsUnknownClientsAndMissingAuthenticationAreInvalidClient() {
        assertAll(
                () -> assertError(Code.INVALID_CLIENT, () -> authenticator.authenticate(basic("billing", "wrong"), form())),
                () -> assertError(Code.INVALID_CLIENT, () -> authenticator.authenticate(
                        basic("nobody", TokenWorld.BILLING_SECRET), form())),
                () -> assertError(Code.INVALID_CLIENT, () -> authenticator.authenticate("Basic !!notbase64", form())),
                () -> assertError(Code.INVALID_CLIENT, () -> authenticator.authenticate(null, form())),
                () -> assertError(Code.INVALID_CLIENT, () -> authenticator.authenticate(
                        basic("partner", TokenWorld.BILLING_SECRET), form()), "partner uses private_key_jwt"),
                () -> assertError(Code.INVALID_CLIENT, () -> authenticator.authenticate(
                        basic("billing", TokenWorld.BILLING_SECRET), form("client_id", "crm"))));
    }

    @Test
    void usingTwoMethodsAtOnceIsAnInvalidRequest() {
        assertError(Code.INVALID_REQUEST, () -> authenticator.authenticate(basic("billing", TokenWorld.BILLING_SECRET),
                form("client_secret", TokenWorld.BILLING_SECRET)));
    }

    // ---- private_key_jwt ------------------------------------------------------------------------------------------

    @Test
    void aSignedAssertionAuthenticatesOnceOnly() {
        Map<String, List<String>> form = assertionForm(assertion(c -> c));
        assertEquals(partner, authenticator.authenticate(null, new FormParameters(form)));
        assertError(Code.INVALID_CLIENT, () -> authenticator.authenticate(null, new FormParameters(form)));
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
                () -> assertError(Code.INVALID_CLIENT, () -> authenticator.authenticate(null, new FormParameters(Map.of(
                        "client_assertion_type", List.of("urn:other"),
                        "client_assertion", List.of(assertion(c -> c)))))));
    }

    @Test
    void theIssuerIsAcceptedAsAssertionAudienceToo() {
        assertEquals(partner, authenticator.authenticate(null,
                new FormParameters(assertionForm(assertion(c -> c.audience(TokenWorld.ISSUER))))));
    }

    private void rejected(String assertion) {
        assertError(Code.INVALID_CLIENT,
                () -> authenticator.authenticate(null, new FormParameters(assertionForm(assertion))));
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

    private static FormParameters form(String... pairs) {
        Map<String, List<String>> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return new FormParameters(map);
    }

    private static void assertError(Code code, Executable call) {
        assertEquals(code, assertThrows(OAuthException.class, call).error().code());
    }

    private static void assertError(Code code, Executable call, String message) {
        assertEquals(code, assertThrows(OAuthException.class, call, message).error().code(), message);
    }
}
