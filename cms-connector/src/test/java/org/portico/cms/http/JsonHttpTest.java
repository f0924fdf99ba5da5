package org.portico.cms.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portico.cms.http.FakeCmsServer.Answer;
import org.portico.cms.json.JsonDocuments;
import org.portico.cms.spi.ConnectionCheck;
import org.portico.cms.spi.ContentSourceTimeoutException;
import org.portico.cms.spi.ContentUnavailableException;

/** The transport details both adapters rely on. */
class JsonHttpTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final FakeCmsServer cms = FakeCmsServer.start();
    private final JsonHttp http = new JsonHttp(CLIENT, JsonDocuments.withDefaultProvider(),
            // Well below the 3 s of the trickling answer, well above a loaded machine's local round trip (CI: 2 cores).
            HttpEndpoint.of(cms.baseUrl()).withTimeout(Duration.ofMillis(2000)).withMaxAnswerBytes(1024),
            "the token was refused", "the token may not read it");

    @AfterEach
    void stop() {
        cms.close();
    }

    private static byte[] jsonOfSize(int size) {
        byte[] json = new byte[size];
        Arrays.fill(json, (byte) ' ');
        json[0] = '[';
        json[size - 1] = ']';
        return json;
    }

    @Test
    void readsJsonAndSendsHeaders() {
        cms.answer("/api/x", "{\"ok\":true}");

        JsonHttp.Answer answer = http.get("api/x", Query.of().add("a", "1"), Map.of("Authorization", "Bearer t"));

        assertAll(
                () -> assertEquals(JsonValue.TRUE, answer.body().asJsonObject().get("ok")),
                () -> assertEquals(cms.baseUrl() + "api/x?a=1", answer.uri().toString()),
                () -> assertEquals("Bearer t", cms.onlyRequest().header("Authorization").orElseThrow()),
                () -> assertEquals("application/json", cms.onlyRequest().header("Accept").orElseThrow()));
    }

    @Test
    void anAnswerOfExactlyTheLimitIsRead() {
        cms.answer("/x", new Answer(200, Map.of(), jsonOfSize(1024), Duration.ZERO, Duration.ZERO, false));

        assertEquals(JsonValue.EMPTY_JSON_ARRAY, http.get("x", Query.of(), Map.of()).body());
    }

    @Test
    void aLargerAnswerIsRefusedWhetherItSaysItsLengthOrNot() {
        Answer large = new Answer(200, Map.of(), jsonOfSize(1025), Duration.ZERO, Duration.ZERO, true);
        cms.answer("/declared", large).answer("/chunked", large.chunked());

        assertAll(
                () -> assertEquals("answer larger than 1024 bytes from " + cms.baseUrl() + "declared",
                        assertThrows(ContentUnavailableException.class,
                                () -> http.get("declared", Query.of(), Map.of())).getMessage()),
                () -> assertEquals("answer larger than 1024 bytes from " + cms.baseUrl() + "chunked",
                        assertThrows(ContentUnavailableException.class, () -> http.get("chunked", Query.of(), Map.of()))
                                .getMessage()));
    }

    @Test
    void theTimeoutCoversAnAnswerThatTrickles() {
        cms.answer("/x", Answer.json(200, "[1, 2, 3]").delayedBeforeBody(Duration.ofSeconds(3)));

        ContentSourceTimeoutException e = assertThrows(ContentSourceTimeoutException.class,
                () -> http.get("x", Query.of(), Map.of()));
        assertEquals("timed out after 2 s at " + cms.baseUrl() + "x", e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] HTTP {0}")
    @CsvSource(delimiter = '|', value = {
            "302 | 'HTTP 302 from '",
            "400 | 'HTTP 400 from '",
            "401 | 'HTTP 401: the token was refused ('",
            "403 | 'HTTP 403: the token may not read it ('",
            "404 | 'HTTP 404 from '",
            "502 | 'HTTP 502 from '"})
    void statusesOutside2xxAreUnavailable(int status, String message) {
        cms.answer("/x", Answer.json(status, "{\"error\":\"" + "x".repeat(5000) + "\"}").withHeader("Location", "/y"));

        ContentUnavailableException e = assertThrows(ContentUnavailableException.class,
                () -> http.get("x", Query.of(), Map.of()));
        assertTrue(e.getMessage().startsWith(message + cms.baseUrl() + "x"), e.getMessage());
    }

    @Test
    void anUnfollowedRedirectSaysWhereTo() {
        cms.answer("/x", Answer.json(301, "").withHeader("Location", "https://cms.example.org/x"));

        assertEquals("HTTP 301 from " + cms.baseUrl() + "x (redirected to https://cms.example.org/x)",
                assertThrows(ContentUnavailableException.class,
                        () -> http.get("x", Query.of(), Map.of())).getMessage());
    }

    @Test
    void aCheckIsTimedAndNeverThrowsForAnUnavailableCms() {
        ConnectionCheck reached = http.check("CMS", () -> "CMS with 3 pages");
        ConnectionCheck failed = http.check("CMS at " + cms.baseUrl(), () -> {
            throw new ContentUnavailableException("connection refused at " + cms.baseUrl(), null);
        });

        assertAll(
                () -> assertEquals(ConnectionCheck.reached("CMS with 3 pages", reached.took()), reached),
                () -> assertEquals(ConnectionCheck.failed("CMS at " + cms.baseUrl(), failed.took(),
                        "connection refused at " + cms.baseUrl()), failed));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"PT0.25S, 250 ms", "PT2S, 2 s", "PT1.5S, 1.5 s", "PT1M, 60 s"})
    void durationsReadAsPeopleWriteThem(Duration duration, String text) {
        assertEquals(text, JsonHttp.describe(duration));
    }
}
