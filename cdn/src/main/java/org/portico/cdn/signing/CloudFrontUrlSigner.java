package org.portico.cdn.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Signs URLs in CloudFront's signed-URL format with a canned policy, so that a CloudFront distribution whose key group
 * holds the matching public key serves them, and {@link CloudFrontUrlVerifier} (Portico's origin) accepts them:
 * <pre>&lt;resource URL&gt;?[its own query&amp;]Expires=&lt;epoch seconds&gt;&amp;Signature=&lt;…&gt;&amp;Key-Pair-Id=&lt;id&gt;</pre>
 * The signature is SHA-1 with RSA over the canned policy statement of the resource URL and the expiry
 * ({@code {"Statement":[{"Resource":"<url>","Condition":{"DateLessThan":{"AWS:EpochTime":<expires>}}}]}}), in
 * CloudFront's base64 ({@code +} → {@code -}, {@code =} → {@code _}, {@code /} → {@code ~}). The URL carries no
 * secret: anyone who has it may use it until it expires.
 *
 * <p>Immutable and thread-safe (a {@link Signature} per call).
 */
public final class CloudFrontUrlSigner {

    private final String keyPairId;
    private final PrivateKey privateKey;
    private final Clock clock;

    /**
     * @param keyPairId  the id CloudFront knows the public key by (the key's id in the key group): 1 to 64 of
     *                   {@code A-Z a-z 0-9 _ -}
     * @param privateKey an RSA private key (CloudFront takes 2048-bit keys)
     * @param clock      the time that {@link #sign(String, ExpiryBuckets)} counts lifetimes from
     * @throws IllegalArgumentException for a key pair id of another form or a key that is no RSA key
     */
    public CloudFrontUrlSigner(String keyPairId, PrivateKey privateKey, Clock clock) {
        if (keyPairId == null || !CannedPolicy.KEY_PAIR_ID_FORM.matcher(keyPairId).matches()) {
            throw new IllegalArgumentException("the key pair id must be 1 to 64 letters, digits, '_' or '-', such as"
                    + " K2JCJMDEHXQW5F, got '" + keyPairId + "'");
        }
        if (!(privateKey instanceof RSAKey)) {
            throw new IllegalArgumentException("CloudFront signed URLs need an RSA private key, got "
                    + (privateKey == null ? "none" : privateKey.getAlgorithm()));
        }
        this.keyPairId = keyPairId;
        this.privateKey = privateKey;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The key pair id the URLs name. */
    public String keyPairId() {
        return keyPairId;
    }

    /**
     * The resource URL signed until {@code expiresAt}, whole seconds (a fraction is cut). A past expiry is signed too:
     * such a URL is refused wherever it is checked.
     *
     * @param resourceUrl an absolute {@code http} or {@code https} URL of visible ASCII without {@code "}, {@code \}
     *                    and a fragment, whose query (if any) names none of {@code Expires}, {@code Signature} and
     *                    {@code Key-Pair-Id}; exactly the URL a browser will ask for, scheme and host included
     * @throws IllegalArgumentException for a URL of another form, or an expiry before 1970 or after
     *                                  2038-01-19T03:14:07Z (CloudFront's 32-bit epoch seconds)
     */
    public String sign(String resourceUrl, Instant expiresAt) {
        CannedPolicy.resourceProblem(resourceUrl).ifPresent(problem -> {
            throw new IllegalArgumentException("the resource URL " + problem);
        });
        long expires = expiresAt.getEpochSecond();
        if (expires < 0 || expires > CannedPolicy.MAX_EXPIRES) {
            throw new IllegalArgumentException("the expiry must be between 1970-01-01T00:00:00Z and "
                    + Instant.ofEpochSecond(CannedPolicy.MAX_EXPIRES) + ", got " + expiresAt);
        }
        String signature = CannedPolicy.encode(signature(CannedPolicy.statementBytes(resourceUrl, expires)));
        return resourceUrl + (resourceUrl.indexOf('?') < 0 ? "?" : "&")
                + CannedPolicy.EXPIRES + "=" + expires
                + "&" + CannedPolicy.SIGNATURE + "=" + signature
                + "&" + CannedPolicy.KEY_PAIR_ID + "=" + keyPairId;
    }

    /**
     * The resource URL signed until the end of the bucket its lifetime ends in, counted from the clock's now: the same
     * URL for every request within a bucket, so browsers and CDNs reuse what they cached.
     *
     * @throws IllegalArgumentException as {@link #sign(String, Instant)}
     */
    public String sign(String resourceUrl, ExpiryBuckets expiry) {
        return sign(resourceUrl, expiry.expiresAt(clock.instant()));
    }

    private byte[] signature(byte[] policy) {
        try {
            Signature rsa = Signature.getInstance(CannedPolicy.ALGORITHM);
            rsa.initSign(privateKey);
            rsa.update(policy);
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            // SHA1withRSA is in every JDK and the key was checked to be RSA: only a broken key gets here
            throw new IllegalStateException("cannot sign with the CloudFront key " + keyPairId, e);
        }
    }
}
