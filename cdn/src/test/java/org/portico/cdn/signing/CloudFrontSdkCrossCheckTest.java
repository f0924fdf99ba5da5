package org.portico.cdn.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portico.cdn.signing.SignedUrlCheck.Accepted;

import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;

/**
 * Portico's signer and verifier against the vendor's own library: the AWS SDK for Java 2.x
 * ({@code CloudFrontUtilities.getSignedUrlWithCannedPolicy}), the signer CloudFront's documentation points Java users
 * to. For the same key, URL and expiry both produce the very same URL (RSA PKCS #1 v1.5 signatures are
 * deterministic), and Portico's verifier accepts the SDK's URLs.
 */
class CloudFrontSdkCrossCheckTest {

    static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    static KeyPair keys;

    @BeforeAll
    static void generate() throws NoSuchAlgorithmException {
        keys = CloudFrontUrlVerifierTest.rsa();
    }

    @ParameterizedTest
    @CsvSource({
            "https://d111111abcdef8.cloudfront.net/image.jpg,                      K2JCJMDEHXQW5F, 1357034400",
            "https://d111111abcdef8.cloudfront.net/images/image.jpg?size=large,    K2JCJMDEHXQW5F, 1772355600",
            "https://cdn.example.com/media/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png,"
                    + " portico-media-1, 1772356500",
            "http://localhost:8080/media/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.webp,"
                    + " APKA9ONS7QCOWEXAMPLE, 2147483647",
            "https://www.example.com:8443/a/b%20c.png?color=red&size=medium,     K1, 1772356500"})
    void signsExactlyAsTheAwsSdkAndAcceptsItsUrls(String resource, String keyPairId, long expires) {
        Instant expiresAt = Instant.ofEpochSecond(expires);
        String sdk = CloudFrontUtilities.create().getSignedUrlWithCannedPolicy(request -> request
                .resourceUrl(resource).privateKey(keys.getPrivate()).keyPairId(keyPairId)
                .expirationDate(expiresAt)).url();
        String portico = new CloudFrontUrlSigner(keyPairId, keys.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC))
                .sign(resource, expiresAt);
        assertEquals(sdk, portico);

        CloudFrontUrlVerifier verifier = new CloudFrontUrlVerifier(Map.of(keyPairId, keys.getPublic()),
                Duration.ofSeconds(30), Clock.fixed(expiresAt.minusSeconds(1), ZoneOffset.UTC));
        assertEquals(new Accepted(resource, keyPairId, expiresAt), verifier.verify(sdk));
    }
}
