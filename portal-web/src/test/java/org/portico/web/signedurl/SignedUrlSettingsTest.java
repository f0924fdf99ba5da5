package org.portico.web.signedurl;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.portico.web.settings.TestConfigs;

/** The settings of signed URLs: defaults, and a bad value stops the start with a valid one in the message. */
class SignedUrlSettingsTest {

    private static SignedUrlSettings read(Map<String, String> values) {
        SignedUrlSettings settings = new SignedUrlSettings();
        settings.config = TestConfigs.of(values);
        settings.read();
        return settings;
    }

    @Test
    void defaultsAreTenMinutesRoundedToFiveThirtySecondsOfSkewAndTheRequestsOrigin() {
        SignedUrlSettings settings = read(Map.of());
        assertAll(
                () -> assertEquals(Duration.ofMinutes(10), settings.expiry().lifetime()),
                () -> assertEquals(Duration.ofMinutes(5), settings.expiry().bucket()),
                () -> assertEquals(Instant.parse("2026-03-01T09:15:00Z"),
                        settings.expiry().expiresAt(Instant.parse("2026-03-01T09:00:01Z"))),
                () -> assertEquals(Duration.ofSeconds(30), settings.clockSkew()),
                () -> assertEquals(Optional.empty(), settings.keyPairId()),
                () -> assertEquals(Optional.empty(), settings.cdnUrl()));
    }

    @Test
    void readsCloudFrontsIdAndTheCdnsBaseUrl() {
        SignedUrlSettings settings = read(Map.of("portico.cdn.signing.key-pair-id", " K2JCJMDEHXQW5F ",
                "portico.cdn.url", "https://D111111abcdef8.cloudfront.net/"));
        assertAll(
                () -> assertEquals(Optional.of("K2JCJMDEHXQW5F"), settings.keyPairId()),
                () -> assertEquals(Optional.of("https://d111111abcdef8.cloudfront.net"), settings.cdnUrl()));
    }

    /** A path in the CDN URL stays, as the asset URLs keep it. */
    @Test
    void keepsAPathOfTheCdnUrl() {
        assertEquals(Optional.of("https://cdn.example.com/portal"),
                read(Map.of("portico.cdn.url", "https://cdn.example.com/portal//")).cdnUrl());
    }

    @Test
    void aBadValueSaysWhatAGoodOneLooksLike() {
        assertAll(
                () -> assertEquals("portico.cdn.signing.key-pair-id must be the id CloudFront assigned to the public"
                                + " key, 1 to 64 letters, digits, '_' or '-' such as K2JCJMDEHXQW5F, got 'K 2'",
                        assertThrows(IllegalStateException.class,
                                () -> read(Map.of("portico.cdn.signing.key-pair-id", "K 2"))).getMessage()),
                () -> assertEquals("portico.cdn.signing.rounding must be an ISO-8601 duration between PT1S and PT10M"
                                + " such as PT5M, got 'PT20M'",
                        assertThrows(IllegalStateException.class,
                                () -> read(Map.of("portico.cdn.signing.rounding", "PT20M"))).getMessage()),
                () -> assertThrows(IllegalStateException.class,
                        () -> read(Map.of("portico.cdn.signing.clock-skew", "PT1H"))),
                () -> assertThrows(IllegalStateException.class,
                        () -> read(Map.of("portico.cdn.signing.lifetime", "PT0.5S"))),
                () -> assertEquals("portico.cdn.url (PORTICO_CDN_URL) must be the CDN's base URL, an absolute http(s)"
                                + " URL without query, fragment or user info, such as https://d111111abcdef8.cloudfront.net,"
                                + " got 'https://cdn.example.com/?v=1'",
                        assertThrows(IllegalStateException.class,
                                () -> read(Map.of("portico.cdn.url", "https://cdn.example.com/?v=1"))).getMessage()),
                () -> assertThrows(IllegalStateException.class,
                        () -> read(Map.of("portico.cdn.url", "ftp://cdn.example.com"))));
    }
}
