package org.portico.cdn.signing;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.portico.cdn.signing.SignedUrlCheck.Accepted;
import org.portico.cdn.signing.SignedUrlCheck.Refusal;
import org.portico.cdn.signing.SignedUrlCheck.Refused;

/**
 * Checks URLs signed in CloudFront's format with a canned policy ({@link CloudFrontUrlSigner}'s, or the AWS SDK's
 * {@code CloudFrontUtilities}), as a CloudFront edge would: {@code Expires}, {@code Signature} and
 * {@code Key-Pair-Id} each exactly once in the query; the key pair id one of the known public keys; the signature
 * SHA-1 with RSA over the canned policy of the URL without those three parameters and the expiry; the expiry not
 * passed by more than the allowed clock skew. Checks run in that order, so a URL is called expired only when it is
 * authentic. Never throws on what the URL holds: garbage is {@link Refusal#MALFORMED}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CloudFrontUrlVerifier {

    /** The longest clock skew allowed. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);
    /** Longer URLs are refused unread: no URL Portico signs comes near. */
    static final int MAX_URL_LENGTH = 8192;

    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,10}");
    private static final Pattern CLOUDFRONT_BASE64 = Pattern.compile("[A-Za-z0-9~_-]{1,2048}");

    private final Map<String, PublicKey> keys;
    private final Duration clockSkew;
    private final Clock clock;

    /**
     * @param keys      the RSA public keys by key pair id (copied)
     * @param clockSkew how long after its expiry a URL is still accepted, for clocks that run apart: PT0S to PT10M
     * @param clock     now
     * @throws IllegalArgumentException for a key pair id of another form than the signer's, a key that is no RSA
     *                                  key, or a skew out of range
     */
    public CloudFrontUrlVerifier(Map<String, PublicKey> keys, Duration clockSkew, Clock clock) {
        keys.forEach((id, key) -> {
            if (!CannedPolicy.KEY_PAIR_ID_FORM.matcher(id).matches() || !(key instanceof RSAKey)) {
                throw new IllegalArgumentException("each key must be an RSA public key under an id of 1 to 64 letters,"
                        + " digits, '_' or '-', got " + (key == null ? "none" : key.getAlgorithm()) + " as '" + id + "'");
            }
        });
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("the clock skew must be between PT0S and " + MAX_CLOCK_SKEW
                    + ", such as PT30S, got '" + clockSkew + "'");
        }
        this.keys = Map.copyOf(keys);
        this.clockSkew = clockSkew;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks a signed URL.
     *
     * @param signedUrl the URL as asked for, scheme and host included, query raw (as sent); null is malformed
     */
    public SignedUrlCheck verify(String signedUrl) {
        Optional<Parts> parsed = Parts.of(signedUrl);
        if (parsed.isEmpty()) {
            return new Refused(Refusal.MALFORMED);
        }
        Parts parts = parsed.get();
        PublicKey key = keys.get(parts.keyPairId);
        if (key == null) {
            return new Refused(Refusal.UNKNOWN_KEY);
        }
        if (!signatureMatches(key, CannedPolicy.statementBytes(parts.resourceUrl, parts.expires), parts.signature)) {
            return new Refused(Refusal.ALTERED);
        }
        Instant expiresAt = Instant.ofEpochSecond(parts.expires);
        // DateLessThan: served while now < expiry; a clock behind by the skew still serves it
        if (!clock.instant().isBefore(expiresAt.plus(clockSkew))) {
            return new Refused(Refusal.EXPIRED);
        }
        return new Accepted(parts.resourceUrl, parts.keyPairId, expiresAt);
    }

    private static boolean signatureMatches(PublicKey key, byte[] policy, byte[] signature) {
        try {
            Signature rsa = Signature.getInstance(CannedPolicy.ALGORITHM);
            rsa.initVerify(key);
            rsa.update(policy);
            return rsa.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a signature of the wrong length, for one: not this key's
        }
    }

    /** A signed URL taken apart: the resource URL that was signed and CloudFront's three parameters. */
    private record Parts(String resourceUrl, long expires, byte[] signature, String keyPairId) {

        static Optional<Parts> of(String url) {
            if (url == null || url.length() > MAX_URL_LENGTH) {
                return Optional.empty();
            }
            int fragment = url.indexOf('#');
            int query = url.indexOf('?');
            if (fragment >= 0 || query < 0) {
                return Optional.empty();
            }
            String expires = null;
            String signature = null;
            String keyPairId = null;
            List<String> own = new ArrayList<>();
            for (String parameter : url.substring(query + 1).split("&", -1)) {
                String name = CannedPolicy.name(parameter);
                if (!CannedPolicy.reserved(name)) {
                    own.add(parameter);
                    continue;
                }
                String value = parameter.substring(Math.min(parameter.length(), name.length() + 1));
                if (!parameter.contains("=")) {
                    return Optional.empty();
                }
                switch (name) {
                    case CannedPolicy.EXPIRES -> {
                        if (expires != null) {
                            return Optional.empty();
                        }
                        expires = value;
                    }
                    case CannedPolicy.SIGNATURE -> {
                        if (signature != null) {
                            return Optional.empty();
                        }
                        signature = value;
                    }
                    default -> {
                        if (keyPairId != null) {
                            return Optional.empty();
                        }
                        keyPairId = value;
                    }
                }
            }
            if (expires == null || signature == null || keyPairId == null
                    || !EPOCH_SECONDS.matcher(expires).matches() || Long.parseLong(expires) > CannedPolicy.MAX_EXPIRES
                    || !CLOUDFRONT_BASE64.matcher(signature).matches()
                    || !CannedPolicy.KEY_PAIR_ID_FORM.matcher(keyPairId).matches()) {
                return Optional.empty();
            }
            String resourceUrl = url.substring(0, query) + (own.isEmpty() ? "" : "?" + String.join("&", own));
            if (CannedPolicy.resourceProblem(resourceUrl).isPresent()) {
                return Optional.empty();
            }
            Optional<byte[]> signatureBytes = CannedPolicy.decode(signature);
            if (signatureBytes.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Parts(resourceUrl, Long.parseLong(expires), signatureBytes.get(), keyPairId));
        }
    }
}
