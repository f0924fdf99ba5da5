package org.portico.cdn.signing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudFrontUrlSignerTest {

    static final Instant NOW = CloudFrontUrlVerifierTest.NOW;

    static KeyPair portico;

    @BeforeAll
    static void generate() throws NoSuchAlgorithmException {
        portico = CloudFrontUrlVerifierTest.rsa();
    }

    static KeyPair keys() {
        return portico;
    }

    CloudFrontUrlSigner signer() {
        return new CloudFrontUrlSigner("KPORTICO1", keys().getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The documented layout: the URL, '?', Expires, Signature, Key-Pair-Id; the signature over the canned policy. */
    @Test
    void writesTheCannedPolicyFormat() throws Exception {
        Instant expires = Instant.ofEpochSecond(1357034400);
        String url = signer().sign("https://d111111abcdef8.cloudfront.net/image.jpg", expires);
        String prefix = "https://d111111abcdef8.cloudfront.net/image.jpg?Expires=1357034400&Signature=";
        assertTrue(url.startsWith(prefix), url);
        assertTrue(url.endsWith("&Key-Pair-Id=KPORTICO1"), url);
        String signature = url.substring(prefix.length(), url.length() - "&Key-Pair-Id=KPORTICO1".length());
        assertTrue(signature.matches("[A-Za-z0-9~_-]+"), signature);
        Signature rsa = Signature.getInstance("SHA1withRSA");
        rsa.initVerify(keys().getPublic());
        rsa.update(("{\"Statement\":[{\"Resource\":\"https://d111111abcdef8.cloudfront.net/image.jpg\","
                + "\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1357034400}}}]}").getBytes(StandardCharsets.UTF_8));
        assertTrue(rsa.verify(CannedPolicy.decode(signature).orElseThrow()));
    }

    @Test
    void appendsToTheResourcesOwnQuery() {
        String url = signer().sign("https://cdn.example.com/a.png?size=large", Instant.ofEpochSecond(1357034400));
        assertTrue(url.startsWith("https://cdn.example.com/a.png?size=large&Expires=1357034400&Signature="), url);
    }

    @Test
    void cutsFractionsOfASecond() {
        String url = signer().sign("https://cdn.example.com/a.png", Instant.parse("2026-03-01T09:10:00.900Z"));
        assertTrue(url.contains("Expires=" + Instant.parse("2026-03-01T09:10:00Z").getEpochSecond()), url);
    }

    @Test
    void signsUntilTheEndOfTheBucket() {
        String url = signer().sign("https://cdn.example.com/a.png",
                new ExpiryBuckets(Duration.ofMinutes(10), Duration.ofMinutes(5)));
        assertTrue(url.contains("Expires=" + NOW.plus(Duration.ofMinutes(10)).getEpochSecond() + "&"), url);
    }

    /** CloudFront's base64 never has '+', '=' or '/'; its substitutes decode back. */
    @Test
    void cloudFrontBase64() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 0x01};
        assertAll(
                () -> assertEquals("-~-~AQ__", CannedPolicy.encode(bytes)),
                () -> assertEquals(HexFormat.of().formatHex(bytes),
                        HexFormat.of().formatHex(CannedPolicy.decode("-~-~AQ__").orElseThrow())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/media/a.png", "cdn.example.com/a.png", "ftp://cdn.example.com/a.png",
            "https://cdn.example.com/a.png#top", "https://cdn.example.com/a b.png", "https://cdn.example.com/\"a.png",
            "https://cdn.example.com/ä.png", "https://cdn.example.com/a.png?Expires=1",
            "https://cdn.example.com/a.png?x=1&Signature=1", "https://cdn.example.com/a.png?Key-Pair-Id=K", "https://"})
    void refusesResourceUrlsItCannotSign(String resource) {
        assertThrows(IllegalArgumentException.class, () -> signer().sign(resource, NOW));
    }

    @Test
    void refusesExpiriesCloudFrontCannotRead() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class,
                        () -> signer().sign("https://cdn.example.com/a.png", Instant.parse("2038-01-19T03:14:08Z"))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> signer().sign("https://cdn.example.com/a.png", Instant.parse("1969-12-31T23:59:59Z"))));
    }

    @Test
    void refusesUnusableKeys() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertAll(
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new CloudFrontUrlSigner("K P", keys().getPrivate(), clock)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new CloudFrontUrlSigner("", keys().getPrivate(), clock)),
                () -> assertThrows(IllegalArgumentException.class, () -> new CloudFrontUrlSigner("KEC",
                        KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate(), clock)));
    }

    @Test
    void publicKeyPemRoundTrips() {
        String pem = PublicKeyPem.encode(keys().getPublic());
        assertAll(
                () -> assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A"), pem),
                () -> assertTrue(pem.endsWith("\n-----END PUBLIC KEY-----\n"), pem),
                () -> assertTrue(pem.lines().allMatch(line -> line.length() <= 64)),
                () -> assertEquals(keys().getPublic(), PublicKeyPem.decode(pem).orElseThrow()),
                () -> assertTrue(PublicKeyPem.decode("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")
                        .isEmpty()),
                () -> assertTrue(PublicKeyPem.decode("garbage").isEmpty()),
                () -> assertTrue(PublicKeyPem.decode(null).isEmpty()));
    }
}
