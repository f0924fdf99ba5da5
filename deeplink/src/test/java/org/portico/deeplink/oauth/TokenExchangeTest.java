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
import org.portico.deeplink.oauth.OAuthError.Code;
import org.portico.deeplink.testing.TokenWorld;
import org.portico.deeplink.token.Actor;
import org.portico.deeplink.token.UserIdentity;
import org.portico.deeplink.token.VerifiedAccessToken;

class TokenExchangeTest {

    private static final String SUBJECT = "urn:ietf:params:oauth:token-type:access_token";

    private final TokenWorld world = new TokenWorld();
    private final TokenExchange exchange = new TokenExchange(world, world.verifier, world.issuer, world.replayGuard,
            false, world.clock);

    /** A valid request of billing for a crm token, to be spoiled by each case. */
    private Map<String, List<String>> form() {
        Map<String, List<String>> form = new HashMap<>();
        form.put("grant_type", List.of(TokenExchangeRequest.GRANT_TYPE));
        form.put("subject_token", List.of(world.aliceTokenForBilling()));
        form.put("subject_token_type", List.of(SUBJECT));
        form.put("audience", List.of("https://crm.example"));
        return form;
    }

    private TokenExchangeResponse exchange(Map<String, List<String>> form) {
        return exchange.exchange(TokenExchangeRequest.from(new FormParameters(form)), world.billing);
    }

    @Test
    void exchangesAUserTokenForAnotherAudience() {
        TokenExchangeResponse response = exchange(form());
        VerifiedAccessToken token = world.verifier.verify(response.accessToken(), "https://crm.example");
        assertAll(
                () -> assertEquals(SUBJECT, response.issuedTokenType()),
                () -> assertEquals("Bearer", response.tokenType()),
                () -> assertEquals(300, response.expiresIn(), "capped at the subject token's expiry"),
                () -> assertEquals("alice", token.subject()),
                () -> assertEquals("billing", token.clientId(), "client_id is the requesting client"),
                () -> assertEquals("s-1", token.sessionId(), "the session travels, so logout revokes it"),
                () -> assertEquals("Alice Example", token.claims().getClaim("name")),
                () -> assertNull(token.claims().getClaim("email"), "crm may not receive email"),
                () -> assertTrue(token.findActor().isEmpty()),
                () -> assertTrue(response.toJson().contains("\"issued_token_type\"")));
    }

    @Test
    void exchangedTokensNeverOutliveTheirSubjectToken() {
        String subject = world.aliceTokenForBilling();
        world.clock.advance(Duration.ofMinutes(4));
        Map<String, List<String>> form = form();
        form.put("subject_token", List.of(subject));
        assertEquals(60, exchange(form).expiresIn());
    }

    @Test
    void subjectTokensMayBeExchangedAgainUnlessConfiguredSingleUse() {
        Map<String, List<String>> form = form();
        exchange(form);
        exchange(form);
        TokenExchange strict = new TokenExchange(world, world.verifier, world.issuer, world.replayGuard, true,
                world.clock);
        TokenExchangeRequest request = TokenExchangeRequest.from(new FormParameters(form));
        strict.exchange(request, world.billing);
        assertError(Code.INVALID_GRANT, "subject_token was rejected: replayed",
                () -> strict.exchange(request, world.billing));
    }

    @Test
    void actorTokenAddsTheActClaimAndNestsEarlierActors() {
        UserIdentity robot = new UserIdentity("svc-billing", null, null, java.util.Set.of());
        Map<String, List<String>> first = form();
        first.put("actor_token", List.of(world.issuer.issue(robot, world.billing, "billing", "s-9").value()));
        first.put("actor_token_type", List.of(SUBJECT));
        String delegated = exchange(first).accessToken();
        assertEquals(new Actor("svc-billing", "billing", null),
                world.verifier.verify(delegated, "https://crm.example").findActor().orElseThrow());

        // crm passes the delegated token on to billing, acting as its own service user
        Map<String, List<String>> second = new HashMap<>(Map.of(
                "grant_type", List.of(TokenExchangeRequest.GRANT_TYPE),
                "subject_token", List.of(delegated), "subject_token_type", List.of(SUBJECT),
                "actor_token", List.of(world.issuer.issue(new UserIdentity("svc-crm", null, null, java.util.Set.of()),
                        world.crm, "crm", "s-8").value()),
                "actor_token_type", List.of(SUBJECT),
                "resource", List.of("https://billing.example")));
        String chained = exchange.exchange(TokenExchangeRequest.from(new FormParameters(second)), world.crm)
                .accessToken();
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
        assertError(Code.INVALID_GRANT, "actor_token was rejected: replayed", () -> exchange(form));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errorCases")
    void answersEachErrorWithItsRfcCode(String name, Code code, Consumer<Map<String, List<String>>> spoil) {
        Map<String, List<String>> form = form();
        spoil.accept(form);
        OAuthException e = assertThrows(OAuthException.class, () -> exchange(form));
        String json = e.error().toJson();
        assertAll(
                () -> assertEquals(code, e.error().code()),
                () -> assertTrue(json.startsWith("{\"error\":\"" + code.value() + "\"")),
                () -> assertFalse(json.contains("eyJ"), "no token echoed"),
                () -> assertFalse(json.contains(TokenWorld.BILLING_SECRET)));
    }

    static Stream<Arguments> errorCases() {
        return Stream.of(
                error("grant_type missing", Code.INVALID_REQUEST, f -> f.remove("grant_type")),
                error("grant_type other", Code.UNSUPPORTED_GRANT_TYPE,
                        f -> f.put("grant_type", List.of("client_credentials"))),
                error("grant_type repeated", Code.INVALID_REQUEST,
                        f -> f.put("grant_type", List.of(TokenExchangeRequest.GRANT_TYPE, TokenExchangeRequest.GRANT_TYPE))),
                error("subject_token missing", Code.INVALID_REQUEST, f -> f.remove("subject_token")),
                error("subject_token empty", Code.INVALID_REQUEST, f -> f.put("subject_token", List.of(""))),
                error("subject_token_type missing", Code.INVALID_REQUEST, f -> f.remove("subject_token_type")),
                error("subject_token_type unsupported", Code.INVALID_REQUEST,
                        f -> f.put("subject_token_type", List.of("urn:ietf:params:oauth:token-type:saml2"))),
                error("actor_token without type", Code.INVALID_REQUEST, f -> f.put("actor_token", List.of("x"))),
                error("actor_token_type without token", Code.INVALID_REQUEST,
                        f -> f.put("actor_token_type", List.of(SUBJECT))),
                error("requested_token_type unsupported", Code.INVALID_REQUEST,
                        f -> f.put("requested_token_type", List.of("urn:ietf:params:oauth:token-type:id_token"))),
                error("no audience or resource", Code.INVALID_REQUEST, f -> f.remove("audience")),
                error("two audiences", Code.INVALID_TARGET,
                        f -> f.put("audience", List.of("https://crm.example", "reports"))),
                error("resource with fragment", Code.INVALID_TARGET,
                        f -> f.put("resource", List.of("https://crm.example/#x"))),
                error("unknown audience", Code.INVALID_TARGET,
                        f -> f.put("audience", List.of("https://unknown.example"))),
                error("audience not allowed for this client", Code.INVALID_TARGET,
                        f -> f.put("audience", List.of("reports"))),
                error("subject token malformed", Code.INVALID_GRANT, f -> f.put("subject_token", List.of("abc"))),
                error("subject token tampered", Code.INVALID_GRANT,
                        f -> f.put("subject_token", List.of(f.get("subject_token").get(0) + "A"))));
    }

    @Test
    void expiredRevokedAndForeignSubjectTokensAreInvalidGrants() {
        Map<String, List<String>> form = form();
        world.revocations.revokeSession("s-1", world.clock.instant().plus(Duration.ofHours(1)));
        assertError(Code.INVALID_GRANT, "subject_token was rejected: revoked", () -> exchange(form));

        Map<String, List<String>> foreign = form();
        foreign.put("subject_token", List.of(world.issuer.issue(TokenWorld.ALICE, world.crm, "crm", "s-2").value()));
        assertError(Code.INVALID_GRANT, "subject_token was rejected: wrong_audience", () -> exchange(foreign));

        Map<String, List<String>> expired = form();
        world.clock.advance(Duration.ofMinutes(10));
        assertError(Code.INVALID_GRANT, "subject_token was rejected: expired", () -> exchange(expired));
    }

    @Test
    void aClientWithoutExchangeAudiencesIsUnauthorized() {
        TokenExchangeRequest request = TokenExchangeRequest.from(new FormParameters(form()));
        assertError(Code.UNAUTHORIZED_CLIENT, "this client may not use token exchange",
                () -> exchange.exchange(request, world.reports));
    }

    private static void assertError(Code code, String description, org.junit.jupiter.api.function.Executable call) {
        OAuthException e = assertThrows(OAuthException.class, call);
        assertEquals(new OAuthError(code, description), e.error());
    }

    private static Arguments error(String name, Code code, Consumer<Map<String, List<String>>> spoil) {
        return Arguments.of(name, code, spoil);
    }
}
