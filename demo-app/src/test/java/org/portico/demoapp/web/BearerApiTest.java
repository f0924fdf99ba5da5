package org.portico.demoapp.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.portico.demoapp.verify.FakePortico;
import org.portico.demoapp.verify.MutableClock;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/invoices} and {@code /api/me} as their servlet answers them, against a Portico on a real HTTP server:
 * a valid access token gets the JSON, everything else a 401 (or 400, 405, 503) problem with the RFC 6750 challenge.
 */
class BearerApiTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final FakePortico portico = new FakePortico();
    private final MutableClock clock = new MutableClock(NOW);
    private final BearerApi api = new BearerApi(new LinkChecker(
            new DemoAppSettings(Optional.of(portico.url()), Optional.empty()), "/demo-app", clock));

    @AfterEach
    void stop() {
        portico.close();
    }

    private String accessToken() {
        return portico.signAccess(JWSAlgorithm.ES256, portico.accessClaims(portico.issuer() + "/demo-app", NOW).build());
    }

    private ApiReply invoices(String... authorization) {
        return api.answer("GET", List.of(authorization), 1, Invoices::of);
    }

    private static String challenge(ApiReply reply) {
        return reply.headers().get("WWW-Authenticate");
    }

    @Test
    void aValidAccessTokenGetsTheInvoicesNewestFirstEachWithAnIdTheInvoiceRouteTakes() {
        ApiReply reply = invoices("Bearer " + accessToken());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) reply.body().get("items");
        List<Instant> issued = items.stream().map(item -> Instant.parse((String) item.get("issued"))).toList();
        assertAll(
                () -> assertEquals(200, reply.status()),
                () -> assertEquals("application/json", reply.contentType()),
                () -> assertEquals("alice", reply.body().get("user")),
                () -> assertTrue(items.size() >= 8 && items.size() <= 12, "8 to 12 invoices: " + items.size()),
                () -> assertEquals(Map.of("id", "42", "customer", "Acme GmbH", "amount", "1,250.00 EUR",
                        "issued", "2026-11-30T10:15:00Z", "status", "open"), items.get(0)),
                () -> assertEquals(issued.stream().sorted(java.util.Comparator.reverseOrder()).toList(), issued, "newest first"),
                () -> assertTrue(items.stream().allMatch(item -> ((String) item.get("id")).matches("[1-9][0-9]*")),
                        "ids are whole numbers, like the invoice route's INT parameter"),
                () -> assertTrue(reply.bodyText().startsWith("{\"user\":\"alice\",\"items\":[{\"id\":\"42\",\"customer\":"
                        + "\"Acme GmbH\",\"amount\":\"1,250.00 EUR\",\"issued\":\"2026-11-30T10:15:00Z\",\"status\":\"open\"},"),
                        reply.bodyText()));
    }

    @Test
    void meIsWhoTheTokenSaysTheUserIs() {
        ApiReply reply = api.answer("GET", List.of("bearer  " + accessToken()), 1, ApiServlet::me);

        assertAll(
                () -> assertEquals(200, reply.status()),
                () -> assertEquals(Map.of("sub", "alice", "name", "Alice Example", "email", "alice@example.org",
                        "roles", List.of("end-user"), "exp", NOW.plus(Duration.ofMinutes(5)).getEpochSecond()), reply.body()));
    }

    @Test
    void withoutATokenTheAnswerIsA401WithTheBareChallenge() {
        ApiReply none = invoices();
        ApiReply basic = invoices("Basic YWxpY2U6c2VjcmV0");

        assertAll(
                () -> assertEquals(401, none.status()),
                () -> assertEquals("application/problem+json", none.contentType()),
                () -> assertEquals(401, none.body().get("status")),
                () -> assertEquals("Bearer realm=\"demo-app\"", challenge(none), "RFC 6750 3.1: no error code without credentials"),
                () -> assertEquals(401, basic.status()),
                () -> assertEquals("Bearer realm=\"demo-app\"", challenge(basic)));
    }

    @Test
    void aBadTokenIsA401InvalidTokenThatSaysWhy() {
        ApiReply garbage = invoices("Bearer expired.looking.garbage");
        ApiReply notAToken68 = invoices("Bearer two words");
        String linkToken = portico.sign(JWSAlgorithm.ES256, portico.claims(portico.issuer() + "/demo-app", NOW).build());
        ApiReply link = invoices("Bearer " + linkToken);
        ApiReply otherApp = invoices("Bearer " + portico.signAccess(JWSAlgorithm.ES256,
                portico.accessClaims("http://localhost:8080/billing", NOW).build()));

        assertAll(
                () -> assertEquals(401, garbage.status()),
                () -> assertEquals("Bearer realm=\"demo-app\", error=\"invalid_token\", error_description=\"malformed\"",
                        challenge(garbage)),
                () -> assertEquals("malformed", garbage.body().get("reason")),
                () -> assertTrue(((String) garbage.body().get("detail")).startsWith("The token is not a JWT"), garbage.body().toString()),
                () -> assertEquals(401, notAToken68.status()),
                () -> assertTrue(challenge(notAToken68).contains("error=\"invalid_token\""), challenge(notAToken68)),
                () -> assertEquals("wrong_type", link.body().get("reason")),
                () -> assertTrue(challenge(link).endsWith("error_description=\"wrong typ\""), challenge(link)),
                () -> assertEquals("wrong_audience", otherApp.body().get("reason")),
                () -> assertFalse(garbage.bodyText().contains("Exception"), "no stack trace: " + garbage.bodyText()));
    }

    @Test
    void anExpiredTokenIsRefusedWithoutSleeping() {
        String token = accessToken();
        assertEquals(200, invoices("Bearer " + token).status());

        clock.advance(Duration.ofMinutes(6).plusSeconds(1));
        ApiReply expired = invoices("Bearer " + token);

        assertAll(
                () -> assertEquals(401, expired.status()),
                () -> assertEquals("expired", expired.body().get("reason")),
                () -> assertTrue(challenge(expired).endsWith("error_description=\"expired\""), challenge(expired)));
    }

    @Test
    void twoAuthorizationHeadersAreABadRequestAndOnlyGetIsAllowed() {
        String token = accessToken();
        ApiReply two = invoices("Bearer " + token, "Bearer " + token);
        ApiReply post = api.answer("POST", List.of("Bearer " + token), 1, Invoices::of);

        assertAll(
                () -> assertEquals(400, two.status()),
                () -> assertTrue(challenge(two).contains("error=\"invalid_request\""), challenge(two)),
                () -> assertEquals(405, post.status()),
                () -> assertEquals("GET", post.headers().get("Allow")));
    }

    @Test
    void anUnreachablePorticoIsA503NotA401() {
        BearerApi nowhere = new BearerApi(new LinkChecker(new DemoAppSettings(Optional.of(URI.create("http://127.0.0.1:9")),
                Optional.empty()), "/demo-app", clock));

        ApiReply reply = nowhere.answer("GET", List.of("Bearer " + accessToken()), 1, Invoices::of);

        assertAll(
                () -> assertEquals(503, reply.status()),
                () -> assertEquals("application/problem+json", reply.contentType()),
                () -> assertEquals("10", reply.headers().get("Retry-After")),
                () -> assertTrue(((String) reply.body().get("detail")).contains("discovery document"), reply.body().toString()));
    }
}
