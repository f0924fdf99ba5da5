package org.portico.cms.webhook;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.cms.webhook.WebhookRejectedException.Reason;

/** HMAC mode, as Portico's WordPress plugin signs its deliveries. */
class HmacVerifierTest {

    private static final String SECRET = "portico-webhook-secret-0123456789";
    private static final Instant SENT = Instant.parse("2026-12-07T10:42:00Z");
    private static final String TIMESTAMP = "1796640120";
    private static final String DELIVERY = "3F2A6C1E-8B4D-4E0A-9C7B-2D5E8F1A3B6C";
    private static final byte[] BODY = ("{\"event\":\"update\",\"type\":\"page\",\"id\":7,\"slug\":\"about\","
            + "\"previousSlug\":\"old-about\",\"status\":\"publish\",\"modified\":\"2026-12-07T10:42:00Z\"}")
            .getBytes(StandardCharsets.UTF_8);
    /** Computed outside Java: {@code hmac.new(secret, b"1796640120." + body, sha256).hexdigest()} in Python. */
    private static final String SIGNATURE = "b9bdaa8bf0cfafad4236f559ce80ae3d06835a14a6b401d04065201d6cf050ef";

    private final Clock clock = Clock.fixed(SENT.plusSeconds(2), ZoneOffset.UTC);
    private final WebhookVerifier verifier = WebhookVerifier.hmac(SECRET, WebhookVerifier.DEFAULT_TOLERANCE, clock);

    /** The verifier when the clock says {@code now}. */
    private static WebhookVerifier at(Instant now) {
        return WebhookVerifier.hmac(SECRET, WebhookVerifier.DEFAULT_TOLERANCE, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Header look-up as a servlet container does it: case-insensitive, null when absent. */
    private static UnaryOperator<String> headers(Map<String, String> values) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(values);
        return headers::get;
    }

    private static Map<String, String> signed(String timestamp, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("x-portico-delivery", DELIVERY);
        headers.put("X-Portico-Timestamp", timestamp);
        headers.put("X-PORTICO-SIGNATURE", "sha256=" + signature);
        return headers;
    }

    private static String sign(String secret, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    private WebhookRejectedException rejected(Map<String, String> headers, byte[] body) {
        WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
                () -> verifier.verify(headers(headers), body));
        assertFalse(e.getMessage().contains(SECRET), "never the secret");
        return e;
    }

    @Test
    void aSignedFreshDeliveryIsAccepted() {
        Delivery delivery = verifier.verify(headers(signed(TIMESTAMP, SIGNATURE)), BODY);

        assertEquals(new Delivery(SIGNATURE, SENT, SENT.plus(Duration.ofMinutes(5)), DELIVERY.toLowerCase()), delivery);
    }

    @Test
    void theIdOfAReplayIsTheSameEvenWithAnotherDeliveryHeader() {
        Delivery first = verifier.verify(headers(signed(TIMESTAMP, SIGNATURE)), BODY);
        Map<String, String> replay = signed(TIMESTAMP, SIGNATURE);
        replay.put("X-Portico-Delivery", "00000000-0000-4000-8000-000000000000");

        Delivery second = at(SENT.plus(Duration.ofMinutes(1))).verify(headers(replay), BODY);

        assertAll(
                () -> assertEquals(first.id(), second.id()),
                () -> assertEquals(first.rememberUntil(), second.rememberUntil()),
                () -> assertEquals("00000000-0000-4000-8000-000000000000", second.reference()));
    }

    @Test
    void aNewDeliveryOfTheSameChangeHasANewId() throws Exception {
        String later = String.valueOf(SENT.getEpochSecond() + 60);

        Delivery delivery = at(SENT.plus(Duration.ofMinutes(1)))
                .verify(headers(signed(later, sign(SECRET, later, BODY))), BODY);

        assertAll(
                () -> assertFalse(delivery.id().equals(SIGNATURE)),
                () -> assertEquals(SENT.plusSeconds(60), delivery.sentAt()));
    }

    @ParameterizedTest(name = "[{index}] without {0}")
    @ValueSource(strings = {"X-Portico-Delivery", "X-Portico-Timestamp", "X-Portico-Signature"})
    void aMissingHeaderIsRejected(String header) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signed(TIMESTAMP, SIGNATURE));
        headers.remove(header);

        WebhookRejectedException e = rejected(headers, BODY);

        assertAll(
                () -> assertEquals(Reason.MISSING, e.reason()),
                () -> assertEquals("the header " + header + " is missing", e.getMessage()));
    }

    @Test
    void anEmptyHeaderIsMissing() {
        Map<String, String> headers = signed(TIMESTAMP, SIGNATURE);
        headers.put("X-Portico-Timestamp", " ");

        assertEquals(Reason.MISSING, rejected(headers, BODY).reason());
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "X-Portico-Delivery  | 3f2a6c1e8b4d4e0a9c7b2d5e8f1a3b6c",
            "X-Portico-Delivery  | not-a-uuid",
            "X-Portico-Timestamp | 2026-12-07T10:42:00Z",
            "X-Portico-Timestamp | -1796640120",
            "X-Portico-Timestamp | 1796640120.5",
            "X-Portico-Timestamp | 1796640120000000",
            "X-Portico-Signature | b9bdaa8bf0cfafad4236f559ce80ae3d06835a14a6b401d04065201d6cf050ef",
            "X-Portico-Signature | sha1=b9bdaa8bf0cfafad4236f559ce80ae3d06835a14",
            "X-Portico-Signature | sha256=B9BDAA8BF0CFAFAD4236F559CE80AE3D06835A14A6B401D04065201D6CF050EF",
            "X-Portico-Signature | sha256=b9bdaa8bf0cfafad4236f559ce80ae3d06835a14a6b401d04065201d6cf050",
            "X-Portico-Signature | sha256=zzbdaa8bf0cfafad4236f559ce80ae3d06835a14a6b401d04065201d6cf050ef"})
    void aMalformedHeaderIsRejected(String header, String value) {
        Map<String, String> headers = signed(TIMESTAMP, SIGNATURE);
        headers.keySet().removeIf(header::equalsIgnoreCase);
        headers.put(header, value);

        WebhookRejectedException e = rejected(headers, BODY);

        assertAll(
                () -> assertEquals(Reason.MALFORMED, e.reason()),
                () -> assertEquals(true, e.getMessage().startsWith(header + " must be"), e.getMessage()));
    }

    @Test
    void aTamperedBodyIsRejected() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("about", "admin")
                .getBytes(StandardCharsets.UTF_8);

        WebhookRejectedException e = rejected(signed(TIMESTAMP, SIGNATURE), tampered);

        assertAll(
                () -> assertEquals(Reason.BAD_SIGNATURE, e.reason()),
                () -> assertEquals("the signature does not match the body", e.getMessage()));
    }

    @Test
    void aSignatureWithAnotherSecretOrForAnotherTimeIsRejected() throws Exception {
        String otherTime = String.valueOf(SENT.getEpochSecond() + 1);

        assertAll(
                () -> assertEquals(Reason.BAD_SIGNATURE, rejected(signed(TIMESTAMP,
                        sign("another-secret-0123456789", TIMESTAMP, BODY)), BODY).reason()),
                () -> assertEquals(Reason.BAD_SIGNATURE, rejected(signed(otherTime, SIGNATURE), BODY).reason()),
                () -> assertEquals(Reason.BAD_SIGNATURE,
                        rejected(signed(TIMESTAMP, sign(SECRET, TIMESTAMP + " ", BODY)), BODY).reason()));
    }

    @Test
    void aDeliveryIsFreshForFiveMinutesEitherWay() {
        Map<String, String> headers = signed(TIMESTAMP, SIGNATURE);

        assertAll(
                () -> assertEquals(SENT, at(SENT.minus(Duration.ofMinutes(5))).verify(headers(headers), BODY).sentAt()),
                () -> assertEquals(SENT, at(SENT.plus(Duration.ofMinutes(5))).verify(headers(headers), BODY).sentAt()));
    }

    @Test
    void anOldDeliveryIsStale() {
        WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
                () -> at(SENT.plus(Duration.ofMinutes(5)).plusSeconds(1)).verify(headers(signed(TIMESTAMP, SIGNATURE)),
                        BODY));

        assertAll(
                () -> assertEquals(Reason.STALE, e.reason()),
                () -> assertEquals("the delivery was sent at 2026-12-07T10:42:00Z, more than 300 s ago",
                        e.getMessage()));
    }

    @Test
    void aDeliveryFromTheFutureIsStale() {
        WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
                () -> at(SENT.minus(Duration.ofMinutes(6))).verify(headers(signed(TIMESTAMP, SIGNATURE)), BODY));

        assertAll(
                () -> assertEquals(Reason.STALE, e.reason()),
                () -> assertEquals(true, e.getMessage().endsWith("in the future; check the sender's clock")));
    }

    @Test
    void aTamperedTimestampIsABadSignatureNotStale() {
        String old = String.valueOf(SENT.getEpochSecond() - 3600);

        assertEquals(Reason.BAD_SIGNATURE, rejected(signed(old, SIGNATURE), BODY).reason());
    }

    @Test
    void setupIsCheckedAtStartAndNeverShowsTheSecret() {
        assertAll(
                () -> assertEquals("the webhook secret must be at least 16 characters, e.g. 32 random hex digits,"
                        + " got a shorter one", assertThrows(IllegalArgumentException.class,
                                () -> WebhookVerifier.hmac("short-secret", Duration.ofMinutes(5), clock)).getMessage()),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> WebhookVerifier.hmac(null, Duration.ofMinutes(5), clock)),
                () -> assertEquals("webhook tolerance must be between PT10S and PT1H, got 'PT2H'",
                        assertThrows(IllegalArgumentException.class,
                                () -> WebhookVerifier.hmac(SECRET, Duration.ofHours(2), clock)).getMessage()),
                () -> assertFalse(verifier.toString().contains(SECRET)));
    }
}
