package org.portico.deeplink.link;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.portico.deeplink.keys.PublicSigningKey;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.token.AccessTokenVerifier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Verifies link tokens the way a target app must, for Portico's own use (tests, the demo's checks) and as the
 * reference for app developers: {@code typ} is {@code link+jwt}; {@code kid} names one of Portico's current keys and
 * {@code alg} is that key's algorithm (so {@code none}, HMAC with the public key and foreign keys never reach a
 * signature check); the signature; {@code iss}; {@code aud} contains the expected audience; {@code exp} and
 * {@code iat} against the injected clock with the keys' clock skew; {@code sub}, {@code jti}, {@code route} and
 * {@code params} present.
 *
 * <p>Thread-safe.
 */
public final class LinkTokenVerifier {

    /** Longest token accepted, in characters. */
    public static final int MAX_TOKEN_LENGTH = AccessTokenVerifier.MAX_TOKEN_LENGTH;

    private final SigningKeys keys;
    private final String issuer;
    private final Duration skew;
    private final Clock clock;

    public LinkTokenVerifier(SigningKeys keys, String issuer, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.skew = keys.config().clockSkew();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws LinkTokenRejectedException with outcome {@link LinkOutcome#EXPIRED} for an expired token, else
     *                                    {@link LinkOutcome#BAD_SIGNATURE}; nothing else for any input
     */
    public VerifiedLinkToken verify(String token, String audience) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw rejected("malformed");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw rejected("malformed");
        }
        if (!LinkTokenIssuer.LINK_JWT.equals(jwt.getHeader().getType())) {
            throw rejected("wrong type");
        }
        Optional<PublicSigningKey> key = keys.findVerificationKey(jwt.getHeader().getKeyID());
        if (key.isEmpty() || !key.get().algorithm().jwsAlgorithm().equals(jwt.getHeader().getAlgorithm())) {
            throw rejected("unknown key or algorithm");
        }
        try {
            if (!jwt.verify(key.get().verifier())) {
                throw rejected("bad signature");
            }
        } catch (JOSEException e) {
            throw rejected("bad signature");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw rejected("wrong issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw rejected("wrong audience");
        }
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null || claims.getSubject() == null || claims.getJWTID() == null
                || !(claims.getClaim(LinkTokenIssuer.ROUTE) instanceof String route)
                || !(claims.getClaim(LinkTokenIssuer.PARAMS) instanceof Map<?, ?> params)) {
            throw rejected("missing claim");
        }
        Instant now = clock.instant();
        if (!now.isBefore(exp.toInstant().plus(skew))) {
            throw new LinkTokenRejectedException(LinkOutcome.EXPIRED, "expired");
        }
        if (now.plus(skew).isBefore(iat.toInstant())) {
            throw rejected("issued in the future");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : params.entrySet()) {
            if (!(e.getValue() instanceof String value)) {
                throw rejected("params must be strings");
            }
            values.put(String.valueOf(e.getKey()), value);
        }
        return new VerifiedLinkToken(claims, claims.getSubject(), route, values, claims.getJWTID(),
                iat.toInstant(), exp.toInstant(), jwt.getHeader().getKeyID());
    }

    private static LinkTokenRejectedException rejected(String why) {
        return new LinkTokenRejectedException(LinkOutcome.BAD_SIGNATURE, why);
    }

    /**
     * A link token that verified.
     *
     * @param claims    all claims, for the user claims ({@code name}, {@code email}, {@code roles})
     * @param subject   {@code sub}: the username
     * @param route     {@code route}
     * @param params    {@code params}
     * @param jwtId     {@code jti}
     * @param issuedAt  {@code iat}
     * @param expiresAt {@code exp}
     * @param keyId     the {@code kid} it was signed with
     */
    public record VerifiedLinkToken(JWTClaimsSet claims, String subject, String route, Map<String, String> params,
                                    String jwtId, Instant issuedAt, Instant expiresAt, String keyId) {
        public VerifiedLinkToken {
            params = Map.copyOf(params);
        }
    }

    /**
     * A link token was rejected. "Input rejected" family; the message is a short reason without any token content.
     */
    public static final class LinkTokenRejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final LinkOutcome outcome;

        LinkTokenRejectedException(LinkOutcome outcome, String reason) {
            super("link token rejected: " + reason);
            this.outcome = outcome;
        }

        /** {@link LinkOutcome#EXPIRED} or {@link LinkOutcome#BAD_SIGNATURE}. */
        public LinkOutcome outcome() {
            return outcome;
        }
    }
}
