package org.portico.deeplink.token;

import java.util.Objects;

/**
 * A token was rejected: it is not a valid, current Portico access token for the expected audience.
 *
 * <p>"Input rejected" family: answer it with 401 ({@code invalid_token}) at a resource, {@code invalid_grant} at the
 * token endpoint, {@code active:false} at introspection — never a 500. The message names only the
 * {@linkplain #reason() reason}, never the token or a claim value, so it may be logged and counted.
 *
 * <p>Immutable.
 */
public abstract sealed class TokenRejectedException extends RuntimeException
        permits MalformedTokenException, TokenSignatureException, TokenLifetimeException, TokenClaimsException,
        TokenReplayedException, TokenRevokedException {

    private static final long serialVersionUID = 1L;

    /** Why a token was rejected: machine-readable, for analytics, logs and tests. */
    public enum Reason {
        /** Not a compact JWS JWT, or its header or claims are not valid JSON. */
        MALFORMED,
        /** Longer than {@link AccessTokenVerifier#MAX_TOKEN_LENGTH}; not parsed at all. */
        OVERSIZED,
        /** The header's {@code typ} is not {@code at+jwt}: an ID token or another JWT presented as an access token. */
        WRONG_TYPE,
        /** {@code alg} is not ES256, RS256 or EdDSA ({@code none}, HMAC, ...), or not the algorithm of its key. */
        UNSUPPORTED_ALGORITHM,
        /** No {@code kid}, or one that is not among Portico's current keys. */
        UNKNOWN_KEY,
        /** The signature does not verify: tampered, truncated or signed by someone else. */
        BAD_SIGNATURE,
        /** {@code exp} has passed (beyond the clock skew). */
        EXPIRED,
        /** {@code nbf} or {@code iat} lies in the future (beyond the clock skew). */
        NOT_YET_VALID,
        /** {@code iss} is not Portico. */
        WRONG_ISSUER,
        /** {@code aud} does not name the expected audience. */
        WRONG_AUDIENCE,
        /** A required claim is missing or has the wrong type. */
        MISSING_CLAIM,
        /** A single-use token ({@code jti}) was presented again. */
        REPLAYED,
        /** The token or its session was revoked (logout). */
        REVOKED
    }

    private final Reason reason;

    TokenRejectedException(Reason reason) {
        super("access token rejected: " + reason);
        this.reason = Objects.requireNonNull(reason);
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }

    static TokenRejectedException of(Reason reason) {
        return switch (reason) {
            case MALFORMED, OVERSIZED, WRONG_TYPE -> new MalformedTokenException(reason);
            case UNSUPPORTED_ALGORITHM, UNKNOWN_KEY, BAD_SIGNATURE -> new TokenSignatureException(reason);
            case EXPIRED, NOT_YET_VALID -> new TokenLifetimeException(reason);
            case WRONG_ISSUER, WRONG_AUDIENCE, MISSING_CLAIM -> new TokenClaimsException(reason);
            case REPLAYED -> new TokenReplayedException();
            case REVOKED -> new TokenRevokedException();
        };
    }
}
