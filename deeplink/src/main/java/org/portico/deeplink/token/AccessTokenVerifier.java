package org.portico.deeplink.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.portico.deeplink.keys.KeySetupException;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.token.TokenRejectedException.Reason;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies Portico access tokens: a size limit, then Nimbus' {@link DefaultJWTProcessor} configured with
 * <ol>
 *   <li>a type verifier: {@code typ} must be {@code at+jwt};</li>
 *   <li>a key selector over Portico's own keys only: the {@code kid} must name a current key and {@code alg} must be
 *   that key's algorithm (ES256, RS256 or EdDSA), so {@code alg: none}, HMAC signed with the public key, and unknown
 *   keys never reach a signature check;</li>
 *   <li>the key's signature verifier;</li>
 *   <li>a claims verifier: {@code iss}, required claims ({@code sub jti client_id sid exp iat}), {@code exp},
 *   {@code nbf}, {@code iat} with the configured clock skew ({@link org.portico.deeplink.keys.SigningKeysConfig#clockSkew()}),
 *   {@code aud};</li>
 * </ol>
 * then the {@link RevocationList}.
 *
 * <p>Signature checks dominate the cost of a verification (an ES256 verification is two scalar multiplications), and
 * apps present the same user token again and again (one exchange per downstream call). So a token that passed is
 * remembered, keyed by its exact text and the audience it was checked for, until it expires: a repeated
 * verification re-checks only what can change — expiry against the clock, that its key may still verify, and
 * revocation. At most {@value #MAX_REMEMBERED} tokens are remembered; failures never are.
 *
 * <p>Thread-safe; create one and share it.
 *
 * @throws TokenRejectedException from every {@code verify} method, with the {@linkplain TokenRejectedException#reason()
 *                                reason}; nothing else for any input
 */
public final class AccessTokenVerifier {

    /** Longest token accepted, in characters; longer input is rejected as OVERSIZED before parsing. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;

    /** Most verified tokens remembered at once (a few MB at most). */
    public static final int MAX_REMEMBERED = 10_000;

    private final DefaultJWTProcessor<VerificationContext> processor = new DefaultJWTProcessor<>();
    private final RevocationList revocations;
    private final SigningKeys keys;
    private final Clock clock;
    /** Tokens that passed, until they expire; null when nothing is remembered. */
    private final Cache<Presented, Verified> remembered;

    /**
     * @param keys        Portico's signing keys (their configuration supplies the clock skew)
     * @param issuer      Portico's issuer identifier, the only accepted {@code iss}
     * @param revocations revoked sessions and tokens
     * @param clock       the time source
     */
    public AccessTokenVerifier(SigningKeys keys, String issuer, RevocationList revocations, Clock clock) {
        this(keys, issuer, revocations, clock, MAX_REMEMBERED);
    }

    /**
     * @param maxRemembered how many verified tokens to remember, 0 to check every token in full every time (for
     *                      measurements of a first verification)
     */
    public AccessTokenVerifier(SigningKeys keys, String issuer, RevocationList revocations, Clock clock,
                               int maxRemembered) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxRemembered < 0) {
            throw new IllegalArgumentException("maxRemembered must be 0 or more, got " + maxRemembered);
        }
        // null when nothing is to be remembered: Caffeine evicts a size-0 cache's entries only after a put.
        this.remembered = maxRemembered == 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxRemembered)
                .ticker(ClockTicker.of(clock))
                .expireAfter(ClockTicker.<Presented, Verified>until(clock, Verified::validUntil))
                .build();
        processor.setJWSTypeVerifier(new PipelineStages.AccessTokenType());
        processor.setJWSKeySelector(new PipelineStages.OwnKeys(keys));
        processor.setJWSVerifierFactory(new PipelineStages.OwnVerifiers(keys));
        processor.setJWTClaimsSetVerifier(new PipelineStages.AccessTokenClaims(Objects.requireNonNull(issuer, "issuer"),
                keys.config().clockSkew(), clock));
    }

    /**
     * Verifies a token presented to {@code audience}.
     *
     * @param token    the compact JWS, as received
     * @param audience the audience it must be for (an app's {@code audience})
     * @throws TokenRejectedException when it is not a valid, current, unrevoked Portico access token for
     *                                {@code audience}
     */
    public VerifiedAccessToken verify(String token, String audience) {
        Objects.requireNonNull(audience, "audience");
        VerifiedAccessToken verified = rememberedOrProcessed(token, audience);
        if (revocations.isRevoked(verified.sessionId(), verified.jwtId())) {
            throw new TokenRevokedException();
        }
        return verified;
    }

    /**
     * Verifies a token like {@link #verify(String, String)} and records its {@code jti} as used: a second call with
     * the same token fails with {@link TokenReplayedException}.
     *
     * @param namespace keeps uses apart, e.g. {@code "actor_token"}
     */
    public VerifiedAccessToken verifyOnce(String token, String audience, ReplayGuard replayGuard, String namespace) {
        VerifiedAccessToken verified = verify(token, audience);
        Instant until = verified.expiresAt().plus(keys.config().clockSkew());
        if (!replayGuard.firstUse(namespace + ":" + verified.jwtId(), until)) {
            throw new TokenReplayedException();
        }
        return verified;
    }

    private VerifiedAccessToken rememberedOrProcessed(String token, String audience) {
        Presented presented = remembered != null && token != null && token.length() <= MAX_TOKEN_LENGTH
                ? new Presented(token, audience) : null;
        if (presented != null) {
            Verified known = remembered.getIfPresent(presented);
            // The cache's expiry follows the same clock; a key that left the key set fails the token at once.
            if (known != null && keys.findVerificationKey(known.token().keyId()).isPresent()) {
                return known.token();
            }
        }
        VerifiedAccessToken verified = process(token, new VerificationContext(audience));
        Instant validUntil = verified.expiresAt().plus(keys.config().clockSkew());
        if (presented != null) {
            remembered.put(presented, new Verified(verified, validUntil));
        }
        return verified;
    }

    /** A token as presented, and the audience it was presented to. */
    private record Presented(String token, String audience) {
    }

    /** A token that passed every check, and until when it passes the time check. */
    private record Verified(VerifiedAccessToken token, Instant validUntil) {
    }

    private VerifiedAccessToken process(String token, VerificationContext context) {
        if (token == null || token.isEmpty()) {
            throw TokenRejectedException.of(Reason.MALFORMED);
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw TokenRejectedException.of(Reason.OVERSIZED);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw TokenRejectedException.of(Reason.MALFORMED);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            // alg "none" (PlainJWT) or an encrypted JWT: Portico issues neither.
            throw TokenRejectedException.of(Reason.UNSUPPORTED_ALGORITHM);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, context);
        } catch (RejectedJwtException e) {
            throw TokenRejectedException.of(e.reason);
        } catch (BadJWSException e) {
            throw TokenRejectedException.of(Reason.BAD_SIGNATURE);
        } catch (BadJOSEException e) {
            throw TokenRejectedException.of(context.keyFailure != null ? context.keyFailure : Reason.MALFORMED);
        } catch (JOSEException e) {
            // A signature value the verifier cannot even decode.
            throw TokenRejectedException.of(Reason.BAD_SIGNATURE);
        } catch (KeySetupException e) {
            throw e;
        } catch (RuntimeException e) {
            // Claims of unexpected JSON types that a Nimbus getter could not convert.
            throw TokenRejectedException.of(Reason.MALFORMED);
        }
        return new VerifiedAccessToken(claims, context.key.kid());
    }
}
