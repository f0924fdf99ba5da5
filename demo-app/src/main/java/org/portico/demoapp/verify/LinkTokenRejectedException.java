package org.portico.demoapp.verify;

import java.util.Objects;

/**
 * A link token was refused: the input was wrong (expired, for another app, forged...), not our setup. The
 * {@linkplain #reason() reason} is for programs, the message for people: it says what was wrong and what was expected.
 * When Portico itself cannot be reached the verifier throws {@link PorticoUnavailableException} instead.
 */
public final class LinkTokenRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a token was refused, in the order the verifiers check; {@link AccessTokenRejectedException} shares them. */
    public enum Reason {
        /** No token at all. */
        MISSING("missing"),
        /** Not a compact JWS, or a header, payload or claim of the wrong shape. */
        MALFORMED("malformed"),
        /**
         * {@code typ} is not the expected one: {@code link+jwt} for a link token, {@code at+jwt} for an access token
         * (the two are signed with the same keys; the type keeps one from being taken for the other).
         */
        WRONG_TYPE("wrong typ"),
        /** Not signed ({@code alg: none}) or signed with an algorithm other than ES256, RS256 or EdDSA. */
        UNSUPPORTED_ALGORITHM("unsupported algorithm"),
        /** {@code kid} names no key in Portico's JWKS, even after fetching it again. */
        UNKNOWN_KEY("unknown kid"),
        /** The signature does not check out against the key: forged or altered on the way. */
        BAD_SIGNATURE("bad signature"),
        /** {@code exp} is in the past (beyond the clock skew). */
        EXPIRED("expired"),
        /** {@code iat} or {@code nbf} is in the future (beyond the clock skew). */
        NOT_YET_VALID("not yet valid"),
        /** {@code iss} is not the issuer Portico's discovery document states. */
        WRONG_ISSUER("wrong issuer"),
        /** {@code aud} does not name this app. */
        WRONG_AUDIENCE("wrong audience"),
        /** A required claim is missing ({@code sub jti route exp iat} for a link, {@code sub jti client_id exp iat} for access). */
        MISSING_CLAIMS("missing claims");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** A short lower-case label for people, e.g. "wrong typ". */
        public String label() {
            return label;
        }

        /** The machine-readable code, e.g. {@code wrong_type}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public LinkTokenRejectedException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
