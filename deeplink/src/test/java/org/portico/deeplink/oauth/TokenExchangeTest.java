package org.portico.deeplink.oauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.portico.deeplink.testing.TokenWorld;
import org.portico.deeplink.token.Actor;
import org.portico.deeplink.token.UserIdentity;
import org.portico.deeplink.token.VerifiedAccessToken;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.util.URLUtils;

class TokenExchangeTest {

    private static final String SUBJECT = "urn:ietf:params:oauth:token-type:access_token";
    private static final String GRANT_TYPE = GrantType.TOKEN_EXCHANGE.getValue();

    private final TokenWorld world = new TokenWorld();
    private final TokenExchange exchange = new TokenExchange(world, world.verifier, world.issuer, world.replayGuard,
            false, world.clock);

    /** A valid request of billing for a crm token, to be spoiled by each case. */
    private Map<String, List<String>> form() {
        Map<String, List<String>> form = new HashMap<>();
        form.put("grant_type", List.of(GRANT_TYPE));
        form.put("subject_token", List.of(world.aliceTokenForBilling()));
        form.put("subject_token_type", List.of(SUBJECT));
        form.put("audience", List.of("https://crm.example"));
        return form;
    }

    /** The way the token endpoint reads a request: the body as sent, then its parameters, then the exchange. */
    private AccessTokenResponse exchange(Map<String, List<String>> form) {
        return exchange.exchange(TokenExchange.request(OAuthForms.parse(URLUtils.serializeParameters(form))),
                world.billing);
    }

    private static AccessToken token(AccessTokenResponse response) {
        return response.getTokens().getAccessToken();
    }

    @Test
    void exchangesAUserTokenForAnotherAudience() {
        AccessTokenResponse response = exchange(form());
        VerifiedAccessToken token = world.verifier.verify(token(response).getValue(), "https://crm.example");
        assertAll(
                () -> assertEquals(SUBJECT, token(response).getIssuedTokenType().getURI().toString()),
                () -> assertEquals(AccessTokenType.BEARER, token(response).getType()),
                () -> assertEquals(300, token(response).getLifetime(), "capped at the subject token's expiry"),
                () -> assertEquals("alice", token.subject()),
                () -> assertEquals("billing", token.clientId(), "client_id is the requesting client"),
                () -> assertEquals("s-1", token.sessionId(), "the session travels, so logout revokes it"),
                () -> assertEquals("Alice Example", token.claims().getClaim("name")),
                () -> assertNull(token.claims().getClaim("email"), "crm may not receive email"),
                () -> assertTrue(token.findActor().isEmpty()),
                () -> assertTrue(response.toJSONObject().toJSONString().contains("\"issued_token_type\"")));
    }

    @Test
    void exchangedTokensNeverOutliveTheirSubjectToken() {
        String subject = world.aliceTokenForBilling();
        world.clock.advance(Duration.ofMinutes(4));
        Map<String, List<String>> form = form();
        form.put("subject_token", List.of(subject));
        assertEquals(60, token(exchange(form)).getLifetime());
    }

    @Test
    void subjectTokensMayBeExchangedAgainUnlessConfiguredSingleUse() {
        Map<String, List<String>> form = form();
        exchange(form);
        exchange(form);
        TokenExchange strict = new TokenExchange(world, world.verifier, world.issuer, world.replayGuard, true,
                world.clock);
        TokenRequest request = TokenExchange.request(form);
        strict.exchange(request, world.billing);
        assertError(OAuth2Error.INVALID_GRANT, "subject_token was rejected: replayed",
                () -> strict.exchange(request, world.billing));
    }

    @Test
    void actorTokenAddsTheActClaimAndNestsEarlierActors() {
        UserIdentity robot = new UserIdentity("svc-billing", null, null, java.util.Set.of());
        Map<String, List<String>> first = form();
        first.put("actor_token", List.of(world.issuer.issue(robot, world.billing, "billing", "s-9").value()));
        first.put("actor_token_type", List.of(SUBJECT));
        String delegated = token(exchange(first)).getValue();
        assertEquals(new Actor("svc-billing", "billing", null),
                world.verifier.verify(delegated, "https://crm.example").findActor().orElseThrow());

        // crm passes the delegated token on to billing, acting as its own service user
        Map<String, List<String>> second = new HashMap<>(Map.of(
                "grant_type", List.of(GRANT_TYPE),
                "subject_token", List.of(delegated), "subject_token_type", List.of(SUBJECT),
                "actor_token", List.of(world.issuer.issue(new UserIdentity("svc-crm", null, null, java.util.Set.of()),
                        world.crm, "crm", "s-8").value()),
                "actor_token_type", List.of(SUBJECT),
                "resource", List.of("https://billing.example")));
        String chained = token(exchange.exchange(TokenExchange.request(second), world.crm)).getValue();
        VerifiedAccessToken token = world.verifier.verify(chained, "https://billing.example");
        assertAll(
                () -> assertEquals("alice", token.subject()),
                () -> assertEquals(new Actor("svc-crm", "crm", new Actor("svc-billing", "billing", null)),
                        token.findActor().orElseThrow()),
                () -> assertEquals(Map.of("sub", "svc-crm", "client_id", "crm",
                        "act", Map.of("sub", "svc-billing", "client_id", "billing")), token.claims().getClaim("act")));
    }

    @Test
    void aReplayedActorTokenIsAnInvalidGrant() {
        Map<String, List<String>> form = form();
        form.put("actor_token", List.of(world.aliceTokenForBilling()));
        form.put("actor_token_type", List.of(SUBJECT));
        exchange(form);
        assertError(OAuth2Error.INVALID_GRANT, "actor_token was rejected: replayed", () -> exchange(form));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errorCases")
    void answersEachErrorWithItsRfcCode(String name, ErrorObject code, Consumer<Map<String, List<String>>> spoil) {
        Map<String, List<String>> form = form();
        spoil.accept(form);
        OAuthException e = assertThrows(OAuthException.class, () -> exchange(form));
        String json = e.toHTTPResponse().getBody();
        assertAll(
                () -> assertEquals(code, e.error()),
                () -> assertEquals(code.getHTTPStatusCode(), e.toHTTPResponse().getStatusCode()),
                () -> assertTrue(json.startsWith("{\"error\":\"" + code.getCode() + "\""), json),
                () -> assertFalse(json.contains("eyJ"), "no token echoed"),
                () -> assertFalse(json.contains(TokenWorld.BILLING_SECRET)));
    }

    static Stream<Arguments> errorCases() {
        return Stream.of(
                error("grant_type missing", OAuth2Error.INVALID_REQUEST, f -> f.remove("grant_type")),
                error("grant_type other", OAuth2Error.UNSUPPORTED_GRANT_TYPE,
                        f -> f.put("grant_type", List.of("client_credentials"))),
                error("grant_type repeated", OAuth2Error.INVALID_REQUEST,
                        f -> f.put("grant_type", List.of(GRANT_TYPE, GRANT_TYPE))),
                error("subject_token missing", OAuth2Error.INVALID_REQUEST, f -> f.remove("subject_token")),
                error("subject_token empty", OAuth2Error.INVALID_REQUEST, f -> f.put("subject_token", List.of(""))),
                error("subject_token_type missing", OAuth2Error.INVALID_REQUEST, f -> f.remove("subject_token_type")),
                error("subject_token_type unsupported", OAuth2Error.INVALID_REQUEST,
                        f -> f.put("subject_token_type", List.of("urn:ietf:params:oauth:token-type:saml2"))),
                error("actor_token without type", OAuth2Error.INVALID_REQUEST, f -> f.put("actor_token", List.of("x"))),
                error("actor_token_type without token", OAuth2Error.INVALID_REQUEST,
                        f -> f.put("actor_token_type", List.of(SUBJECT))),
                error("requested_token_type unsupported", OAuth2Error.INVALID_REQUEST,
                        f -> f.put("requested_token_type", List.of("urn:ietf:params:oauth:token-type:id_token"))),
                error("no audience or resource", OAuth2Error.INVALID_REQUEST, f -> f.remove("audience")),
                error("two audiences", OAuth2Error.INVALID_TARGET,
                        f -> f.put("audience", List.of("https://crm.example", "reports"))),
                error("resource with fragment", OAuth2Error.INVALID_TARGET,
                        f -> f.put("resource", List.of("https://crm.example/#x"))),
                error("unknown audience", OAuth2Error.INVALID_TARGET,
                        f -> f.put("audience", List.of("https://unknown.example"))),
                error("audience not allowed for this client", OAuth2Error.INVALID_TARGET,
                        f -> f.put("audience", List.of("reports"))),
                error("subject token malformed", OAuth2Error.INVALID_GRANT, f -> f.put("subject_token", List.of("abc"))),
                error("subject token tampered", OAuth2Error.INVALID_GRANT,
                        f -> f.put("subject_token", List.of(f.get("subject_token").get(0) + "A"))));
    }

    @Test
    void expiredRevokedAndForeignSubjectTokensAreInvalidGrants() {
        Map<String, List<String>> form = form();
        world.revocations.revokeSession("s-1", world.clock.instant().plus(Duration.ofHours(1)));
        assertError(OAuth2Error.INVALID_GRANT, "subject_token was rejected: revoked", () -> exchange(form));

        Map<String, List<String>> foreign = form();
        foreign.put("subject_token", List.of(world.issuer.issue(TokenWorld.ALICE, world.crm, "crm", "s-2").value()));
        assertError(OAuth2Error.INVALID_GRANT, "subject_token was rejected: wrong_audience", () -> exchange(foreign));

        Map<String, List<String>> expired = form();
        world.clock.advance(Duration.ofMinutes(10));
        assertError(OAuth2Error.INVALID_GRANT, "subject_token was rejected: expired", () -> exchange(expired));
    }

    @Test
    void aClientWithoutExchangeAudiencesIsUnauthorized() {
        TokenRequest request = TokenExchange.request(form());
        assertError(OAuth2Error.UNAUTHORIZED_CLIENT, "this client may not use token exchange",
                () -> exchange.exchange(request, world.reports));
    }

    private static void assertError(ErrorObject code, String description,
                                    org.junit.jupiter.api.function.Executable call) {
        OAuthException e = assertThrows(OAuthException.class, call);
        assertAll(
                () -> assertEquals(code, e.error()),
                () -> assertEquals(description, e.error().getDescription()));
    }

    private static Arguments error(String name, ErrorObject code, Consumer<Map<String, List<String>>> spoil) {
        return Arguments.of(name, code, spoil);
    }
}
