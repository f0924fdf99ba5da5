package org.portico.deeplink.token;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.keys.SigningAlgorithm;
import org.portico.deeplink.testing.MutableClock;
import org.portico.deeplink.testing.TokenWorld;
import org.portico.deeplink.token.TokenRejectedException.Reason;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

class AccessTokenVerifierTest {

    private final TokenWorld world = new TokenWorld();

    // ---- issue and verify -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void everyAlgorithmIssuesAndVerifiesAnRfc9068Token(SigningAlgorithm algorithm) throws Exception {
        TokenWorld w = new TokenWorld(algorithm);
        AccessToken token = w.issuer.issue(TokenWorld.ALICE, w.crm, "billing", "s-42");
        SignedJWT jwt = SignedJWT.parse(token.value());
        VerifiedAccessToken verified = w.verifier.verify(token.value(), "https://crm.example");
        assertAll(
                () -> assertEquals(algorithm.jwsAlgorithm(), jwt.getHeader().getAlgorithm()),
                () -> assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType()),
                () -> assertEquals(w.keys.activeKeyId(), jwt.getHeader().getKeyID()),
                () -> assertEquals(TokenWorld.ISSUER, verified.claims().getIssuer()),
                () -> assertEquals("alice", verified.subject()),
                () -> assertEquals(List.of("https://crm.example"), verified.audience()),
                () -> assertEquals("billing", verified.clientId()),
                () -> assertEquals("s-42", verified.sessionId()),
                () -> assertEquals(token.jwtId(), verified.jwtId()),
                () -> assertEquals(Duration.ofMinutes(10), Duration.between(verified.issuedAt(), verified.expiresAt())),
                () -> assertEquals("Alice Example", verified.claims().getClaim("name")),
                () -> assertNull(verified.claims().getClaim("email"), "crm may not receive email"),
                () -> assertNull(verified.claims().getClaim("roles"), "crm may not receive roles"));
    }

    @Test
    void defaultLifetimeIsFiveMinutesAndOnlyAllowedClaimsTravel() {
        AppRegistration noClaims = world.reports;
        VerifiedAccessToken verified = world.verifier.verify(
                world.issuer.issue(TokenWorld.ALICE, noClaims, "reports", "s-1").value(), "reports");
        VerifiedAccessToken all = world.verifier.verify(world.aliceTokenForBilling(), "https://billing.example");
        assertAll(
                () -> assertEquals(Duration.ofMinutes(5), Duration.between(verified.issuedAt(), verified.expiresAt())),
                () -> assertEquals(Set.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti", "client_id", "sid"),
                        verified.claims().getClaims().keySet()),
                () -> assertEquals(TokenWorld.ALICE, all.user()),
                () -> assertEquals(Set.of(UserClaim.NAME, UserClaim.EMAIL, UserClaim.ROLES),
                        world.billing.allowedClaims()));
    }

    @Test
    void theVerifierFactoryNamesExactlyPorticosSigningAlgorithms() {
        assertEquals(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA),
                new PipelineStages.OwnVerifiers(world.keys).supportedJWSAlgorithms());
    }

    // ---- rotation -------------------------------------------------------------------------------------------------

    @Test
    void tokensSignedBeforeARotationVerifyUntilTheyExpireThenFail() {
        String before = world.aliceTokenForBilling();
        world.keys.rotate();
        String after = world.aliceTokenForBilling();
        world.clock.advance(Duration.ofMinutes(4));
        assertAll(
                () -> assertEquals("alice", world.verifier.verify(before, "https://billing.example").subject()),
                () -> assertEquals("alice", world.verifier.verify(after, "https://billing.example").subject()));
        world.clock.advance(Duration.ofMinutes(1).plus(world.keys.config().clockSkew()));
        assertEquals(Reason.EXPIRED, reasonOf(before));
        world.clock.advance(Duration.ofHours(1));
        assertEquals(Reason.UNKNOWN_KEY, reasonOf(before), "retired key has left the key set");
    }

    @Test
    void clockSkewIsToleratedOnExpiry() {
        String token = world.aliceTokenForBilling();
        world.clock.advance(Duration.ofMinutes(5).plus(world.keys.config().clockSkew()).minusSeconds(1));
        assertEquals("alice", world.verifier.verify(token, "https://billing.example").subject());
    }

    // ---- remembered verifications ------------------------------------------------------------------------------

    @Test
    void aRememberedTokenIsStillRevokedExpiredAndBoundToItsAudience() {
        AccessToken token = world.issuer.issue(TokenWorld.ALICE, world.billing, "crm", "s-7");
        assertEquals("alice", world.verifier.verify(token.value(), "https://billing.example").subject());
        assertAll(
                () -> assertEquals("alice", world.verifier.verify(token.value(), "https://billing.example").subject(),
                        "second verification (remembered)"),
                () -> assertEquals(Reason.WRONG_AUDIENCE, assertThrows(TokenRejectedException.class,
                        () -> world.verifier.verify(token.value(), "https://crm.example")).reason(),
                        "remembered for billing, not for crm"));
        world.revocations.revokeToken(token.jwtId(), world.clock.instant().plus(Duration.ofHours(1)));
        assertEquals(Reason.REVOKED, assertThrows(TokenRejectedException.class,
                () -> world.verifier.verify(token.value(), "https://billing.example")).reason());
        AccessToken other = world.issuer.issue(TokenWorld.ALICE, world.billing, "crm", "s-8");
        world.verifier.verify(other.value(), "https://billing.example");
        world.clock.advance(Duration.ofMinutes(5).plus(world.keys.config().clockSkew()));
        assertEquals(Reason.EXPIRED, assertThrows(TokenRejectedException.class,
                () -> world.verifier.verify(other.value(), "https://billing.example")).reason());
    }

    // ---- every rejection, with its reason -------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("forgeries")
    void rejects(String name, Reason reason, Function<TokenWorld, String> forge) {
        String token = forge.apply(world);
        TokenRejectedException e = assertThrows(TokenRejectedException.class,
                () -> world.verifier.verify(token, "https://billing.example"));
        assertAll(
                () -> assertEquals(reason, e.reason()),
                () -> assertEquals("access token rejected: " + reason, e.getMessage(), "no token content in messages"));
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                forgery("empty", Reason.MALFORMED, w -> ""),
                forgery("garbage", Reason.MALFORMED, w -> "not-a-jwt"),
                forgery("three garbage parts", Reason.MALFORMED, w -> "a.b.c"),
                forgery("truncated: signature part missing", Reason.MALFORMED, w -> {
                    String t = w.aliceTokenForBilling();
                    return t.substring(0, t.lastIndexOf('.'));
                }),
                forgery("truncated: half a signature", Reason.BAD_SIGNATURE, w -> {
                    String t = w.aliceTokenForBilling();
                    return t.substring(0, t.length() - 20);
                }),
                forgery("payload not JSON", Reason.MALFORMED, w -> {
                    String[] p = w.aliceTokenForBilling().split("\\.");
                    return p[0] + "." + b64("not json") + "." + p[2];
                }),
                forgery("oversized", Reason.OVERSIZED, w -> "a".repeat(AccessTokenVerifier.MAX_TOKEN_LENGTH + 1)),
                forgery("expired", Reason.EXPIRED, w -> {
                    String t = w.aliceTokenForBilling();
                    w.clock.advance(Duration.ofMinutes(6));
                    return t;
                }),
                forgery("not yet valid", Reason.NOT_YET_VALID, w -> new AccessTokenIssuer(w.keys, TokenWorld.ISSUER,
                        new MutableClock(w.clock.instant().plus(Duration.ofMinutes(2))))
                        .issue(TokenWorld.ALICE, w.billing, "billing", "s-1").value()),
                forgery("wrong audience", Reason.WRONG_AUDIENCE,
                        w -> w.issuer.issue(TokenWorld.ALICE, w.crm, "crm", "s-1").value()),
                forgery("wrong issuer", Reason.WRONG_ISSUER, w -> new AccessTokenIssuer(w.keys, "https://evil.example",
                        w.clock).issue(TokenWorld.ALICE, w.billing, "billing", "s-1").value()),
                forgery("tampered payload", Reason.BAD_SIGNATURE, w -> {
                    String[] p = w.aliceTokenForBilling().split("\\.");
                    String claims = new String(Base64.getUrlDecoder().decode(p[1])).replace("\"alice\"", "\"admin\"");
                    return p[0] + "." + b64(claims) + "." + p[2];
                }),
                forgery("alg none", Reason.UNSUPPORTED_ALGORITHM, w -> {
                    String[] p = w.aliceTokenForBilling().split("\\.");
                    return b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + p[1] + ".";
                }),
                forgery("HS256 signed with the public key", Reason.UNSUPPORTED_ALGORITHM, w -> {
                    var key = w.keys.findVerificationKey(w.keys.activeKeyId()).orElseThrow();
                    return signed(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid())
                                    .type(TokenClaims.AT_JWT).build(), validClaims(w),
                            macSigner(key.publicKey().getEncoded()));
                }),
                forgery("HS256 signed with the public JWK text", Reason.UNSUPPORTED_ALGORITHM, w -> {
                    var key = w.keys.findVerificationKey(w.keys.activeKeyId()).orElseThrow();
                    return signed(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid())
                                    .type(TokenClaims.AT_JWT).build(), validClaims(w),
                            macSigner(key.jwk().toJSONString().getBytes()));
                }),
                forgery("ES384 with an ES256 key id", Reason.UNSUPPORTED_ALGORITHM, w -> {
                    String[] p = w.aliceTokenForBilling().split("\\.");
                    return b64("{\"alg\":\"ES384\",\"typ\":\"at+jwt\",\"kid\":\"" + w.keys.activeKeyId() + "\"}")
                            + "." + p[1] + "." + p[2];
                }),
                forgery("unknown kid", Reason.UNKNOWN_KEY, w -> signed(
                        new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("unknown").type(TokenClaims.AT_JWT).build(),
                        validClaims(w), strangerSigner())),
                forgery("no kid", Reason.UNKNOWN_KEY, w -> signed(
                        new JWSHeader.Builder(JWSAlgorithm.ES256).type(TokenClaims.AT_JWT).build(),
                        validClaims(w), strangerSigner())),
                forgery("our kid, another key", Reason.BAD_SIGNATURE, w -> signed(
                        new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(w.keys.activeKeyId())
                                .type(TokenClaims.AT_JWT).build(), validClaims(w), strangerSigner())),
                forgery("typ JWT (an ID token or link token)", Reason.WRONG_TYPE,
                        w -> w.keys.sign(JOSEObjectType.JWT, validClaims(w))),
                forgery("no typ", Reason.WRONG_TYPE, w -> w.keys.sign(null, validClaims(w))),
                forgery("sid missing", Reason.MISSING_CLAIM, w -> w.keys.sign(TokenClaims.AT_JWT,
                        new JWTClaimsSet.Builder(validClaims(w)).claim("sid", null).build())),
                forgery("exp not a number", Reason.MALFORMED, w -> w.keys.sign(TokenClaims.AT_JWT,
                        new JWTClaimsSet.Builder(validClaims(w)).claim("exp", "tomorrow").build())),
                forgery("revoked session", Reason.REVOKED, w -> {
                    String t = w.aliceTokenForBilling();
                    w.revocations.revokeSession("s-1", w.clock.instant().plus(Duration.ofHours(1)));
                    return t;
                }),
                forgery("revoked token", Reason.REVOKED, w -> {
                    AccessToken t = w.issuer.issue(TokenWorld.ALICE, w.billing, "billing", "s-1");
                    w.revocations.revokeToken(t.jwtId(), w.clock.instant().plus(Duration.ofHours(1)));
                    return t.value();
                }));
    }

    @Test
    void aSingleUseTokenIsRejectedAsReplayedTheSecondTime() {
        String token = world.aliceTokenForBilling();
        world.verifier.verifyOnce(token, "https://billing.example", world.replayGuard, "actor_token");
        TokenRejectedException e = assertThrows(TokenRejectedException.class,
                () -> world.verifier.verifyOnce(token, "https://billing.example", world.replayGuard, "actor_token"));
        assertAll(
                () -> assertEquals(Reason.REPLAYED, e.reason()),
                () -> assertInstanceOf(TokenReplayedException.class, e),
                () -> assertTrue(world.replayGuard.firstUse("other-namespace:x", world.clock.instant())));
    }

    @Test
    void aSingleUseIsCountedPerNamespace() {
        String token = world.aliceTokenForBilling();
        VerifiedAccessToken first = world.verifier.verifyOnce(token, "https://billing.example", world.replayGuard,
                "actor_token");
        assertAll(
                () -> assertEquals(first.jwtId(), world.verifier.verifyOnce(token, "https://billing.example",
                        world.replayGuard, "subject_token").jwtId(), "another namespace is another use"),
                () -> assertFalse(world.replayGuard.firstUse("actor_token:" + first.jwtId(),
                        first.expiresAt()), "recorded under its namespace and jti"));
    }

    @Test
    void replayGuardForgetsIdsOnceTheyCouldNoLongerBeAccepted() {
        Instant until = world.clock.instant().plus(Duration.ofMinutes(5));
        assertTrue(world.replayGuard.firstUse("jti-1", until));
        assertFalse(world.replayGuard.firstUse("jti-1", until));
        world.clock.advance(Duration.ofMinutes(5));
        assertTrue(world.replayGuard.firstUse("jti-1", until.plus(Duration.ofMinutes(5))));
    }

    private Reason reasonOf(String token) {
        return assertThrows(TokenRejectedException.class,
                () -> world.verifier.verify(token, "https://billing.example")).reason();
    }

    private static Arguments forgery(String name, Reason reason, Function<TokenWorld, String> forge) {
        return Arguments.of(name, reason, forge);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes());
    }

    private static JWTClaimsSet validClaims(TokenWorld w) {
        Instant now = w.clock.instant();
        return new JWTClaimsSet.Builder().issuer(TokenWorld.ISSUER).subject("alice")
                .audience("https://billing.example").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID("j-" + now.toEpochMilli())
                .claim("client_id", "billing").claim("sid", "s-1").build();
    }

    private static String signed(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner macSigner(byte[] secret) {
        try {
            return new MACSigner(secret);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner strangerSigner() {
        try {
            ECKey stranger = new ECKeyGenerator(Curve.P_256).generate();
            return new ECDSASigner(stranger);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
