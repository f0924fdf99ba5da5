package org.portico.cdn.signing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.cdn.signing.SignedUrlCheck.Accepted;
import org.portico.cdn.signing.SignedUrlCheck.Refusal;
import org.portico.cdn.signing.SignedUrlCheck.Refused;

class CloudFrontUrlVerifierTest {

    static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(10));
    static final String RESOURCE = "https://cdn.example.com/media/0a1b.png";
    static final Duration SKEW = Duration.ofSeconds(30);

    static KeyPair portico;
    static KeyPair other;

    @BeforeAll
    static void keys() throws NoSuchAlgorithmException {
        portico = rsa();
        other = rsa();
    }

    static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static String signed(String resource, Instant expires) {
        return new CloudFrontUrlSigner("KPORTICO1", portico.getPrivate(), at(NOW)).sign(resource, expires);
    }

    static SignedUrlCheck verifyAt(Instant now, String url) {
        return new CloudFrontUrlVerifier(Map.of("KPORTICO1", portico.getPublic()), SKEW, at(now)).verify(url);
    }

    static Refusal refusal(SignedUrlCheck check) {
        return check instanceof Refused refused ? refused.reason() : null;
    }

    @Test
    void acceptsItsOwnSignerUntilTheExpiry() {
        String url = signed(RESOURCE, EXPIRES);
        assertEquals(new Accepted(RESOURCE, "KPORTICO1", EXPIRES), verifyAt(NOW, url));
        assertEquals(new Accepted(RESOURCE, "KPORTICO1", EXPIRES), verifyAt(EXPIRES.minusSeconds(1), url));
    }

    @Test
    void keepsTheResourcesOwnQueryInThePolicy() {
        String url = signed(RESOURCE + "?size=large&v=2", EXPIRES);
        assertEquals(RESOURCE + "?size=large&v=2", ((Accepted) verifyAt(NOW, url)).resourceUrl());
        assertEquals(Refusal.ALTERED, refusal(verifyAt(NOW, url.replace("size=large", "size=small"))));
    }

    /** The fake clock walks past the expiry: accepted within the skew, refused from expiry + skew on. */
    @Test
    void expiresAfterTheExpiryPlusTheClockSkew() {
        String url = signed(RESOURCE, EXPIRES);
        assertAll(
                () -> assertEquals(true, verifyAt(EXPIRES, url).accepted()),
                () -> assertEquals(true, verifyAt(EXPIRES.plus(SKEW).minusSeconds(1), url).accepted()),
                () -> assertEquals(Refusal.EXPIRED, refusal(verifyAt(EXPIRES.plus(SKEW), url))),
                () -> assertEquals(Refusal.EXPIRED, refusal(verifyAt(EXPIRES.plus(Duration.ofDays(1)), url))));
    }

    @Test
    void withoutSkewExpiresAtTheExpiry() {
        String url = signed(RESOURCE, EXPIRES);
        CloudFrontUrlVerifier strict = new CloudFrontUrlVerifier(Map.of("KPORTICO1", portico.getPublic()),
                Duration.ZERO, at(EXPIRES));
        assertEquals(Refusal.EXPIRED, refusal(strict.verify(url)));
    }

    @Test
    void refusesAlteredPathExpirySignatureAndHost() {
        String url = signed(RESOURCE, EXPIRES);
        String signature = url.substring(url.indexOf("Signature=") + 10, url.indexOf("&Key-Pair-Id"));
        char first = signature.charAt(0);
        String otherSignature = (first == 'A' ? 'B' : 'A') + signature.substring(1);
        assertAll(
                () -> assertEquals(Refusal.ALTERED, refusal(verifyAt(NOW, url.replace("0a1b.png", "0a1c.png")))),
                () -> assertEquals(Refusal.ALTERED, refusal(verifyAt(NOW, url.replace(
                        "Expires=" + EXPIRES.getEpochSecond(), "Expires=" + (EXPIRES.getEpochSecond() + 3600))))),
                () -> assertEquals(Refusal.ALTERED, refusal(verifyAt(NOW, url.replace(signature, otherSignature)))),
                () -> assertEquals(Refusal.ALTERED, refusal(verifyAt(NOW, url.replace("cdn.example.com",
                        "evil.example.com")))),
                () -> assertEquals(Refusal.ALTERED, refusal(verifyAt(NOW, url.replace("https:", "http:")))),
                () -> assertEquals(Refusal.ALTERED, refusal(verifyAt(NOW, url + "&extra=1"))));
    }

    /** An expired URL whose expiry was moved into the future is altered, not accepted and not merely expired. */
    @Test
    void anExtendedExpiryIsAlteredNotExpired() {
        Instant past = NOW.minus(Duration.ofHours(1));
        String url = signed(RESOURCE, past);
        assertEquals(Refusal.EXPIRED, refusal(verifyAt(NOW, url)));
        assertEquals(Refusal.ALTERED, refusal(verifyAt(NOW, url.replace("Expires=" + past.getEpochSecond(),
                "Expires=" + EXPIRES.getEpochSecond()))));
    }

    @Test
    void refusesAnotherKeyUnderAKnownIdAndAnUnknownId() {
        String byOther = new CloudFrontUrlSigner("KPORTICO1", other.getPrivate(), at(NOW)).sign(RESOURCE, EXPIRES);
        String unknownId = new CloudFrontUrlSigner("KSTRANGER", portico.getPrivate(), at(NOW)).sign(RESOURCE, EXPIRES);
        assertAll(
                () -> assertEquals(Refusal.ALTERED, refusal(verifyAt(NOW, byOther))),
                () -> assertEquals(Refusal.UNKNOWN_KEY, refusal(verifyAt(NOW, unknownId))),
                () -> assertEquals(Refusal.UNKNOWN_KEY, refusal(verifyAt(NOW, signed(RESOURCE, EXPIRES)
                        .replace("Key-Pair-Id=KPORTICO1", "Key-Pair-Id=KPORTICO2")))));
    }

    @Test
    void knowsSeveralKeys() {
        String byOther = new CloudFrontUrlSigner("KOTHER", other.getPrivate(), at(NOW)).sign(RESOURCE, EXPIRES);
        Map<String, PublicKey> both = Map.of("KPORTICO1", portico.getPublic(), "KOTHER", other.getPublic());
        CloudFrontUrlVerifier verifier = new CloudFrontUrlVerifier(both, SKEW, at(NOW));
        assertAll(
                () -> assertEquals(true, verifier.verify(byOther).accepted()),
                () -> assertEquals(true, verifier.verify(signed(RESOURCE, EXPIRES)).accepted()));
    }

    @Test
    void refusesRepeatedOrMissingParametersAsMalformed() {
        String url = signed(RESOURCE, EXPIRES);
        String expires = "Expires=" + EXPIRES.getEpochSecond();
        assertAll(
                () -> assertEquals(Refusal.MALFORMED, refusal(verifyAt(NOW, url + "&" + expires))),
                () -> assertEquals(Refusal.MALFORMED, refusal(verifyAt(NOW, url + "&Key-Pair-Id=KPORTICO1"))),
                () -> assertEquals(Refusal.MALFORMED, refusal(verifyAt(NOW, url + "&Signature=AAAA"))),
                () -> assertEquals(Refusal.MALFORMED, refusal(verifyAt(NOW, url.replace(expires + "&", "")))),
                () -> assertEquals(Refusal.MALFORMED, refusal(verifyAt(NOW, url.replace("&Key-Pair-Id=KPORTICO1",
                        "")))),
                () -> assertEquals(Refusal.MALFORMED, refusal(verifyAt(NOW, RESOURCE))),
                () -> assertEquals(Refusal.MALFORMED, refusal(verifyAt(NOW, url + "#top"))));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "?", "garbage", "https://cdn.example.com/a.png?Expires=&Signature=&Key-Pair-Id=",
            "https://cdn.example.com/a.png?Expires=-5&Signature=AAAA&Key-Pair-Id=KPORTICO1",
            "https://cdn.example.com/a.png?Expires=99999999999&Signature=AAAA&Key-Pair-Id=KPORTICO1",
            "https://cdn.example.com/a.png?Expires=1e9&Signature=AAAA&Key-Pair-Id=KPORTICO1",
            "https://cdn.example.com/a.png?Expires=1900000000&Signature=A%2BB&Key-Pair-Id=KPORTICO1",
            "https://cdn.example.com/a.png?Expires=1900000000&Signature=A&Key-Pair-Id=KPORTICO1",
            "https://cdn.example.com/a.png?Expires=1900000000&Signature=AAAA&Key-Pair-Id=K%20P",
            "https://cdn.example.com/a.png?Expires=1900000000&Signature=AAAA&Key-Pair-Id",
            "ftp://cdn.example.com/a.png?Expires=1900000000&Signature=AAAA&Key-Pair-Id=KPORTICO1",
            "/media/a.png?Expires=1900000000&Signature=AAAA&Key-Pair-Id=KPORTICO1",
            "https://cdn.example.com/a\".png?Expires=1900000000&Signature=AAAA&Key-Pair-Id=KPORTICO1"})
    void refusesGarbageAsMalformedWithoutThrowing(String garbage) {
        assertEquals(Refusal.MALFORMED, refusal(verifyAt(NOW, garbage)));
    }

    /** A well-formed signature of the wrong length for the key is a signature that does not match. */
    @Test
    void aShortSignatureIsAltered() {
        assertEquals(Refusal.ALTERED, refusal(verifyAt(NOW,
                RESOURCE + "?Expires=1900000000&Signature=AAAA&Key-Pair-Id=KPORTICO1")));
    }

    @Test
    void refusesUnusableSetup() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> new CloudFrontUrlVerifier(
                        Map.of("KPORTICO1", portico.getPublic()), Duration.ofMinutes(11), at(NOW))),
                () -> assertThrows(IllegalArgumentException.class, () -> new CloudFrontUrlVerifier(
                        Map.of("KPORTICO1", portico.getPublic()), Duration.ofSeconds(-1), at(NOW))),
                () -> assertThrows(IllegalArgumentException.class, () -> new CloudFrontUrlVerifier(
                        Map.of("bad id", portico.getPublic()), SKEW, at(NOW))),
                () -> assertThrows(IllegalArgumentException.class, () -> new CloudFrontUrlVerifier(
                        Map.of("KEC", KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic()), SKEW,
                        at(NOW))));
    }
}
