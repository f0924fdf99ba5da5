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
 * Cloudflare's purge_cache and zone details as documented
 * (https://developers.cloudflare.com/api/resources/cache/methods/purge/), played by a local HTTP server.
 */
class CloudflarePurgerTest {

    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String TOKEN = "cf-token-Y2xvdWRmbGFyZQ";
    private static final String PURGED = "{\"success\":true,\"errors\":[],\"messages\":[],"
            + "\"result\":{\"id\":\"" + ZONE + "\"}}";
    private static final Instant NOW = Instant.parse("2026-12-07T11:00:00Z");

    private final FakeCdnServer cloudflare = FakeCdnServer.start();

    @AfterEach
    void stop() {
        cloudflare.close();
    }

    private CdnPurger purger(URI endpoint, String timeout) {
        return CdnPurgers.create(new PurgeTarget(PurgeTarget.Kind.CLOUDFLARE, endpoint,
                Map.of("zoneId", ZONE, "timeout", timeout), Optional.of(TOKEN)), HttpClient.newHttpClient(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private CdnPurger purger(URI endpoint) {
        return purger(endpoint, "PT5S");
    }

    private CdnPurger purger() {
        return purger(cloudflare.endpoint());
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private PurgeException failedPurge(Answer answer) {
        return failedPurge(answer, purger());
    }

    private PurgeException failedPurge(Answer answer, CdnPurger purger) {
        cloudflare.answer(answer);
        PurgeException e = assertThrows(PurgeException.class, () -> purger.purge(Purge.ofTags(Set.of("a"))));
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        return e;
    }

    private static String envelopeWithError(int code, String message) {
        return "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message + "\"}],"
                + "\"messages\":[],\"result\":null}";
    }

    @Test
    void tagsArePurgedByPurgeCacheWithTags() throws PurgeException {
        cloudflare.answer(Answer.json(200, PURGED));

        purger().purge(Purge.ofTags(Set.of("cms:builtin:page:about", "asset:app.css")));

        Request request = cloudflare.onlyRequest();
        assertAll(
                () -> assertEquals("POST", request.method()),
                () -> assertEquals("/client/v4/zones/" + ZONE + "/purge_cache", request.target()),
                () -> assertEquals(Optional.of("Bearer " + TOKEN), request.header("Authorization")),
                () -> assertEquals(Optional.of("application/json"), request.header("Content-Type")),
                () -> assertEquals(json("{\"tags\":[\"asset:app.css\",\"cms:builtin:page:about\"]}"),
                        json(request.body())));
    }

    @Test
    void urlsArePurgedByPurgeCacheWithFiles() throws PurgeException {
        cloudflare.answer(Answer.json(200, PURGED));

        purger().purge(Purge.ofUrls(Set.of("https://portal.example.com/p/about?lang=de",
                "https://portal.example.com/")));

        assertEquals(json("{\"files\":[\"https://portal.example.com/\","
                + "\"https://portal.example.com/p/about?lang=de\"]}"), json(cloudflare.onlyRequest().body()));
    }

    @Test
    void tagsAndUrlsGoInTwoRequestsOneKindEach() throws PurgeException {
        cloudflare.answer(Answer.json(200, PURGED));

        purger().purge(new Purge(Set.of("a"), Set.of("https://portal.example.com/")));

        assertAll(
                () -> assertEquals(2, cloudflare.requests().size()),
                () -> assertEquals(json("{\"tags\":[\"a\"]}"), json(cloudflare.requests().get(0).body())),
                () -> assertEquals(json("{\"files\":[\"https://portal.example.com/\"]}"),
                        json(cloudflare.requests().get(1).body())));
    }

    @Test
    void checkNamesTheZone() throws PurgeException {
        cloudflare.answer(Answer.json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\""
                + ZONE + "\",\"name\":\"example.com\",\"status\":\"active\",\"paused\":false}}"));

        String reached = purger().check();

        assertAll(
                () -> assertEquals("Cloudflare zone example.com (" + ZONE + ")", reached),
                () -> assertEquals("GET", cloudflare.onlyRequest().method()),
                () -> assertEquals("/client/v4/zones/" + ZONE, cloudflare.onlyRequest().target()),
                () -> assertEquals(Optional.of("Bearer " + TOKEN), cloudflare.onlyRequest().header("Authorization")));
    }

    @Test
    void aRefusedTokenNeedsAnAdminAndSaysWhatCloudflareSaid() {
        PurgeException e = failedPurge(Answer.json(403, envelopeWithError(10000, "Authentication error")));

        assertAll(
                () -> assertFalse(e.retryable()),
                () -> assertEquals("Cloudflare answered HTTP 403 purging 1 cache tag (" + cloudflare.endpoint()
                        + "/client/v4/zones/" + ZONE + "/purge_cache): the API token may not do this (purging needs "
                        + "Zone / Cache Purge, Test connection Zone / Zone / Read); Cloudflare says: 10000: "
                        + "Authentication error", e.getMessage()));
    }

    @Test
    void anUnknownZoneNeedsAnAdmin() {
        PurgeException e = failedPurge(Answer.json(404, envelopeWithError(7003, "Could not route to /zones/x")));

        assertAll(
                () -> assertFalse(e.retryable()),
                () -> assertTrue(e.getMessage().contains("no zone " + ZONE + " is visible"), e.getMessage()));
    }

    @Test
    void successFalseIsAnAdminReadableRefusal() {
        PurgeException e = failedPurge(Answer.json(200, envelopeWithError(1134, "Purge by tag is not allowed")));

        assertAll(
                () -> assertFalse(e.retryable()),
                () -> assertEquals("Cloudflare refused purging 1 cache tag (" + cloudflare.endpoint()
                        + "/client/v4/zones/" + ZONE + "/purge_cache): 1134: Purge by tag is not allowed",
                        e.getMessage()));
    }

    @Test
    void theRateLimitIsRetryableAfterRetryAfter() {
        PurgeException e = failedPurge(Answer.json(429, envelopeWithError(971, "Please wait and consider throttling "
                + "your request speed")).withHeader("Retry-After", "12"));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertEquals(Optional.of(Duration.ofSeconds(12)), e.retryAfter()));
    }

    @Test
    void retryAfterAsADateIsReadAgainstTheClock() {
        PurgeException e = failedPurge(Answer.json(429, envelopeWithError(971, "Please wait"))
                .withHeader("Retry-After", "Mon, 07 Dec 2026 11:01:30 GMT"));

        assertEquals(Optional.of(Duration.ofSeconds(90)), e.retryAfter());
    }

    @Test
    void aServerErrorIsRetryable() {
        PurgeException e = failedPurge(Answer.text(502, "<html>Bad gateway</html>"));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertTrue(e.getMessage().contains("a server error at Cloudflare"), e.getMessage()));
    }

    @Test
    void anUnreadableAnswerIsRetryable() {
        PurgeException e = failedPurge(Answer.text(200, "not json"));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertTrue(e.getMessage().endsWith("with something that is not JSON: 'not json'"),
                        e.getMessage()));
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        URI nowhere = FakeCdnServer.refusingEndpoint();

        PurgeException e = assertThrows(PurgeException.class,
                () -> purger(nowhere).purge(Purge.ofTags(Set.of("a"))));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertTrue(e.getMessage().startsWith("Cloudflare could not be reached at " + nowhere),
                        e.getMessage()));
    }

    @Test
    void noAnswerWithinTheTimeoutIsRetryable() {
        PurgeException e = failedPurge(Answer.hanging(), purger(cloudflare.endpoint(), "PT0.3S"));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertTrue(e.getMessage().startsWith("Cloudflare did not answer within 300 ms"),
                        e.getMessage()));
    }

    @Test
    void aTagWithACommaCannotBeACacheTag() {
        assertAll(
                () -> assertEquals(new PurgeLimits(100, 100), purger().limits()),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> purger().purge(Purge.ofTags(Set.of("a,b")))),
                () -> assertTrue(cloudflare.requests().isEmpty()));
    }
}
