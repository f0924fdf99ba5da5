package org.portico.cdn.purge;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portico.cdn.purge.FakeCdnServer.Answer;
import org.portico.cdn.purge.FakeCdnServer.Request;

/**
 * Fastly's purge API as documented (https://www.fastly.com/documentation/reference/api/purging/), played by a local
 * HTTP server.
 */
class FastlyPurgerTest {

    private static final String SERVICE = "SU1Z0isxPaozGVKXdv0eY";
    private static final String TOKEN = "fastly-token-Zk8x2";
    private static final Instant NOW = Instant.parse("2026-12-07T11:00:00Z");

    private final FakeCdnServer fastly = FakeCdnServer.start();

    @AfterEach
    void stop() {
        fastly.close();
    }

    private CdnPurger purger(URI endpoint, Map<String, String> more) {
        Map<String, String> options = new HashMap<>(Map.of("serviceId", SERVICE, "timeout", "PT5S"));
        options.putAll(more);
        return CdnPurgers.create(new PurgeTarget(PurgeTarget.Kind.FASTLY, endpoint, options, Optional.of(TOKEN)),
                HttpClient.newHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private CdnPurger purger() {
        return purger(fastly.endpoint(), Map.of());
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private PurgeException failedPurge(Answer answer) {
        return failedPurge(answer, purger());
    }

    private PurgeException failedPurge(Answer answer, CdnPurger purger) {
        fastly.answer(answer);
        PurgeException e = assertThrows(PurgeException.class, () -> purger.purge(Purge.ofTags(Set.of("a"))));
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        return e;
    }

    @Test
    void tagsGoInOneBatchPurgeOfSurrogateKeys() throws PurgeException {
        fastly.answer(Answer.json(200, "{\"asset:app.css\":\"108-1391560174-974124\","
                + "\"cms:builtin:page:about\":\"108-1391560174-974125\"}"));

        purger().purge(Purge.ofTags(Set.of("cms:builtin:page:about", "asset:app.css")));

        Request request = fastly.onlyRequest();
        assertAll(
                () -> assertEquals("POST", request.method()),
                () -> assertEquals("/service/" + SERVICE + "/purge", request.target()),
                () -> assertEquals(Optional.of(TOKEN), request.header("Fastly-Key")),
                () -> assertEquals(Optional.of("application/json"), request.header("Content-Type")),
                () -> assertEquals(Optional.of("application/json"), request.header("Accept")),
                () -> assertEquals(Optional.empty(), request.header("Fastly-Soft-Purge")),
                () -> assertEquals(json("{\"surrogate_keys\":[\"asset:app.css\",\"cms:builtin:page:about\"]}"),
                        json(request.body())));
    }

    @Test
    void aSoftPurgeSaysSoInItsHeader() throws PurgeException {
        fastly.answer(Answer.json(200, "{\"a\":\"108-1391560174-974124\"}"));

        purger(fastly.endpoint(), Map.of("softPurge", "true")).purge(Purge.ofTags(Set.of("a")));

        assertEquals(Optional.of("1"), fastly.onlyRequest().header("Fastly-Soft-Purge"));
    }

    @Test
    void aUrlIsPurgedByItsHostAndPath() throws PurgeException {
        fastly.answer(Answer.json(200, "{\"status\":\"ok\",\"id\":\"108-1391560174-974124\"}"));

        purger().purge(Purge.ofUrls(Set.of("https://portal.example.com/p/about?lang=de")));

        Request request = fastly.onlyRequest();
        assertAll(
                () -> assertEquals("POST", request.method()),
                () -> assertEquals("/purge/portal.example.com/p/about?lang=de", request.target()),
                () -> assertEquals(Optional.of(TOKEN), request.header("Fastly-Key")));
    }

    @Test
    void tagsAndAUrlMakeTwoRequests() throws PurgeException {
        fastly.answer(Answer.json(200, "{\"a\":\"108-1\"}"), Answer.json(200, "{\"status\":\"ok\",\"id\":\"108-2\"}"));

        purger().purge(new Purge(Set.of("a"), Set.of("https://portal.example.com/")));

        assertEquals(2, fastly.requests().size());
        assertEquals("/purge/portal.example.com/", fastly.requests().get(1).target());
    }

    @Test
    void checkNamesTheService() throws PurgeException {
        fastly.answer(Answer.json(200, "{\"id\":\"" + SERVICE + "\",\"name\":\"Portal production\","
                + "\"customer_id\":\"x4xCwxxJxGCx123Rx5xTx\",\"type\":\"vcl\"}"));

        String reached = purger().check();

        assertAll(
                () -> assertEquals("Fastly service 'Portal production' (" + SERVICE + ")", reached),
                () -> assertEquals("GET", fastly.onlyRequest().method()),
                () -> assertEquals("/service/" + SERVICE, fastly.onlyRequest().target()),
                () -> assertEquals(Optional.of(TOKEN), fastly.onlyRequest().header("Fastly-Key")));
    }

    @Test
    void aRefusedTokenNeedsAnAdmin() {
        PurgeException e = failedPurge(Answer.json(401, "{\"msg\":\"Provided credentials are missing or invalid\"}"));

        assertAll(
                () -> assertFalse(e.retryable()),
                () -> assertEquals("Fastly answered HTTP 401 purging 1 surrogate key (" + fastly.endpoint()
                        + "/service/" + SERVICE + "/purge): the API token was refused (wrong, expired or deleted); "
                        + "Fastly says: Provided credentials are missing or invalid", e.getMessage()));
    }

    @Test
    void aTokenWithoutThePurgeScopeNeedsAnAdmin() {
        PurgeException e = failedPurge(Answer.json(403, "{\"msg\":\"Forbidden\",\"detail\":\"token scope\"}"));

        assertAll(
                () -> assertFalse(e.retryable()),
                () -> assertTrue(e.getMessage().contains("purge_select scope"), e.getMessage()),
                () -> assertTrue(e.getMessage().endsWith("Fastly says: Forbidden (token scope)"), e.getMessage()));
    }

    @Test
    void anUnknownServiceNeedsAnAdmin() {
        PurgeException e = failedPurge(Answer.json(404, "{\"msg\":\"Record not found\"}"));

        assertAll(
                () -> assertFalse(e.retryable()),
                () -> assertTrue(e.getMessage().contains("no service " + SERVICE + " is visible to this token"),
                        e.getMessage()));
    }

    @Test
    void theRateLimitIsRetryableAfterRetryAfter() {
        PurgeException e = failedPurge(Answer.json(429, "{\"msg\":\"Too many requests\"}")
                .withHeader("Retry-After", "30")
                .withHeader("Fastly-RateLimit-Reset", String.valueOf(NOW.plusSeconds(90).getEpochSecond())));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter()));
    }

    @Test
    void theRateLimitIsRetryableAtTheResetWhenFastlySaysNoMore() {
        PurgeException e = failedPurge(Answer.json(429, "{\"msg\":\"Too many requests\"}")
                .withHeader("Fastly-RateLimit-Remaining", "0")
                .withHeader("Fastly-RateLimit-Reset", String.valueOf(NOW.plusSeconds(90).getEpochSecond())));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertEquals(Optional.of(Duration.ofSeconds(90)), e.retryAfter()));
    }

    @Test
    void aServerErrorIsRetryable() {
        PurgeException e = failedPurge(Answer.text(503, "<html>Service Unavailable</html>"));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertEquals(Optional.empty(), e.retryAfter()),
                () -> assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage()));
    }

    @Test
    void anUnreadableAnswerIsRetryable() {
        PurgeException e = failedPurge(Answer.text(200, "<html>captive portal</html>"));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertTrue(e.getMessage().endsWith("with something that is not a JSON object: "
                        + "'<html>captive portal</html>'"), e.getMessage()));
    }

    @Test
    void aUrlPurgeThatIsNotOkIsRetryable() {
        fastly.answer(Answer.json(200, "{\"status\":\"error\"}"));

        PurgeException e = assertThrows(PurgeException.class,
                () -> purger().purge(Purge.ofUrls(Set.of("https://portal.example.com/"))));

        assertTrue(e.retryable());
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        URI nowhere = FakeCdnServer.refusingEndpoint();

        PurgeException e = assertThrows(PurgeException.class, () -> purger(nowhere, Map.of()).check());

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertEquals("Fastly could not be reached at " + nowhere + " reading service " + SERVICE
                        + " (connection refused or no route)", e.getMessage()));
    }

    @Test
    void noAnswerWithinTheTimeoutIsRetryable() {
        PurgeException e = failedPurge(Answer.hanging(), purger(fastly.endpoint(), Map.of("timeout", "PT0.3S")));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertEquals("Fastly did not answer within 300 ms purging 1 surrogate key (" + fastly.endpoint()
                        + "/service/" + SERVICE + "/purge)", e.getMessage()));
    }

    @Test
    void fastlyTakes256KeysAndOneUrlPerPurge() {
        assertEquals(new PurgeLimits(256, 1), purger().limits());
    }
}
