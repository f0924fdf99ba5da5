package org.portico.cdn.signing;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link CloudFrontUrlVerifier} made of a signed URL: {@link Accepted} or {@link Refused} with the reason.
 * Immutable.
 */
public sealed interface SignedUrlCheck permits SignedUrlCheck.Accepted, SignedUrlCheck.Refused {

    /** Whether the URL may be served. */
    default boolean accepted() {
        return this instanceof Accepted;
    }

    /**
     * A URL signed by a known key, unchanged, not expired.
     *
     * @param resourceUrl the URL that was signed: the signed URL without CloudFront's three parameters
     * @param keyPairId   the key that signed it
     * @param expiresAt   when it stops being served (the {@code Expires} parameter)
     */
    record Accepted(String resourceUrl, String keyPairId, Instant expiresAt) implements SignedUrlCheck {
        public Accepted {
            Objects.requireNonNull(resourceUrl, "resourceUrl");
            Objects.requireNonNull(keyPairId, "keyPairId");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** A URL that must not be served, and why. */
    record Refused(Refusal reason) implements SignedUrlCheck {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a signed URL is refused. */
    enum Refusal {
        /**
         * Not of the form: {@code Expires}, {@code Signature} or {@code Key-Pair-Id} missing or repeated, an expiry
         * that is no epoch second, a signature that is no CloudFront base64, a URL that is no absolute http(s) URL.
         */
        MALFORMED,
        /** Signed with a key pair id this verifier does not know. */
        UNKNOWN_KEY,
        /** The signature does not match the URL and expiry: changed after signing, or signed with another key. */
        ALTERED,
        /** Signed correctly, but its expiry has passed (beyond the allowed clock skew). */
        EXPIRED
    }
}
