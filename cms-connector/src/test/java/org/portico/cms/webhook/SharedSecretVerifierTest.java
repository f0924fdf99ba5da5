package org.portico.cms.webhook;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.cms.webhook.WebhookRejectedException.Reason;

/** Shared-secret mode, as Strapi 5 sends webhooks (fixed headers, no signature). */
class SharedSecretVerifierTest {

    private static final String SECRET = "strapi-webhook-secret-9876543210";
    private static final Instant CREATED = Instant.parse("2026-12-07T10:42:00.512Z");
    private static final String PAYLOAD = "{\"event\":\"entry.publish\",\"createdAt\":\"2026-12-07T10:42:00.512Z\","
            + "\"model\":\"page\",\"uid\":\"api::page.page\",\"entry\":{\"id\":14,\"documentId\":"
            + "\"tbq5ruj3ba0h8tbqv1hdi4ll\",\"slug\":\"about\",\"locale\":\"de-CH\",\"title\":\"About\","
            + "\"createdAt\":\"2026-11-30T09:12:44.120Z\",\"updatedAt\":\"2026-12-07T10:42:00.480Z\","
            + "\"publishedAt\":\"2026-12-07T10:42:00.500Z\"}}";
    private static final byte[] BODY = PAYLOAD.getBytes(StandardCharsets.UTF_8);
    /** Computed outside Java: {@code hashlib.sha256(body).hexdigest()} in Python. */
    private static final String BODY_SHA256 = "0d73cf4e3655126b61f9058da2fcd3676fe743f0bf1a3c2bb5b7d96b468f46f7";

    private final Clock clock = Clock.fixed(CREATED.plusSeconds(1), ZoneOffset.UTC);
    private final WebhookVerifier verifier = at(clock.instant());

    /** The verifier when the clock says {@code now}. */
    private static WebhookVerifier at(Instant now) {
        return WebhookVerifier.sharedSecret(WebhookVerifier.DEFAULT_SECRET_HEADER, SECRET,
                WebhookVerifier.DEFAULT_TOLERANCE, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static UnaryOperator<String> headers(Map<String, String> values) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(values);
        return headers::get;
    }

    private static UnaryOperator<String> secret(String value) {
        return headers(Map.of("x-portico-webhook-secret", value, "Content-Type", "application/json"));
    }

    private WebhookRejectedException rejected(UnaryOperator<String> headers, byte[] body) {
        WebhookRejectedException e = assertThrows(WebhookRejectedException.class, () -> verifier.verify(headers, body));
        assertFalse(e.getMessage().contains(SECRET), "never the secret");
        return e;
    }

    @Test
    void theRightSecretAndAFreshPayloadAreAccepted() {
        assertEquals(new Delivery(BODY_SHA256, CREATED, CREATED.plus(Duration.ofMinutes(5)), BODY_SHA256),
                verifier.verify(secret(SECRET), BODY));
    }

    @Test
    void aReplayHasTheSameIdAndAnotherPayloadAnother() {
        Delivery first = verifier.verify(secret(SECRET), BODY);
        WebhookVerifier later = at(CREATED.plus(Duration.ofMinutes(2)));

        assertAll(
                () -> assertEquals(first.id(), later.verify(secret(SECRET), BODY).id()),
                () -> assertFalse(first.id().equals(later.verify(secret(SECRET),
                        PAYLOAD.replace("about", "contact").getBytes(StandardCharsets.UTF_8)).id())));
    }

    @Test
    void withoutTheHeaderItIsMissing() {
        WebhookRejectedException e = rejected(headers(Map.of("Content-Type", "application/json")), BODY);

        assertAll(
                () -> assertEquals(Reason.MISSING, e.reason()),
                () -> assertEquals("the header X-Portico-Webhook-Secret is missing", e.getMessage()));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"strapi-webhook-secret-9876543211", "strapi-webhook-secret", "x",
            "strapi-webhook-secret-9876543210 ", "STRAPI-WEBHOOK-SECRET-9876543210"})
    void aWrongSecretIsABadSignatureBeforeThePayloadIsRead(String wrong) {
        WebhookRejectedException e = rejected(secret(wrong), "not even JSON".getBytes(StandardCharsets.UTF_8));

        assertAll(
                () -> assertEquals(Reason.BAD_SIGNATURE, e.reason()),
                () -> assertEquals("the webhook secret in X-Portico-Webhook-Secret was not accepted", e.getMessage()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"not JSON", "[]", "{\"event\":\"entry.publish\"}", "{\"createdAt\":null}",
            "{\"createdAt\":1796640120}", "{\"createdAt\":\"2026-12-07 10:42\"}", ""})
    void aPayloadWithoutAnInstantInCreatedAtIsMalformed(String payload) {
        WebhookRejectedException e = rejected(secret(SECRET), payload.getBytes(StandardCharsets.UTF_8));

        assertAll(
                () -> assertEquals(Reason.MALFORMED, e.reason()),
                () -> assertEquals("the payload must be a JSON object with 'createdAt' as an ISO-8601 instant",
                        e.getMessage()));
    }

    @Test
    void anOldOrFuturePayloadIsStale() {
        WebhookVerifier later = at(CREATED.plus(Duration.ofMinutes(5)).plusSeconds(1));
        WebhookRejectedException old = assertThrows(WebhookRejectedException.class,
                () -> later.verify(secret(SECRET), BODY));
        WebhookRejectedException future = assertThrows(WebhookRejectedException.class, () -> later.verify(
                secret(SECRET), PAYLOAD.replace("2026-12-07T10:42:00.512Z", "2026-12-07T10:53:00Z")
                        .getBytes(StandardCharsets.UTF_8)));

        assertAll(
                () -> assertEquals(Reason.STALE, old.reason()),
                () -> assertEquals(Reason.STALE, future.reason()),
                () -> assertTrue(future.getMessage().contains("in the future"), future.getMessage()));
    }

    @Test
    void theHeaderCanBeConfigured() {
        WebhookVerifier custom = WebhookVerifier.sharedSecret("X-Strapi-Token", SECRET, Duration.ofMinutes(1), clock);

        assertAll(
                () -> assertEquals(BODY_SHA256, custom.verify(headers(Map.of("x-strapi-token", SECRET)), BODY).id()),
                () -> assertEquals(Reason.MISSING, assertThrows(WebhookRejectedException.class,
                        () -> custom.verify(secret(SECRET), BODY)).reason()));
    }

    @Test
    void setupIsCheckedAtStart() {
        assertAll(
                () -> assertEquals("the webhook secret header must be a header name such as X-Portico-Webhook-Secret,"
                        + " got 'X Secret'", assertThrows(IllegalArgumentException.class,
                                () -> WebhookVerifier.sharedSecret("X Secret", SECRET, Duration.ofMinutes(5), clock))
                                .getMessage()),
                () -> assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.sharedSecret(
                        WebhookVerifier.DEFAULT_SECRET_HEADER, "too-short", Duration.ofMinutes(5), clock)),
                () -> assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.sharedSecret(
                        WebhookVerifier.DEFAULT_SECRET_HEADER, SECRET, Duration.ofSeconds(1), clock)));
    }
}
