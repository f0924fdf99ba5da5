package org.portico.demoapp.verify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API's bearer token verifier against a real JWKS over HTTP: Portico's RFC 9068 access tokens, and what is not. */
class AccessTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private static FakePortico portico;
    private MutableClock clock;
    private AccessTokenVerifier verifier;
    private String audience;

    @BeforeAll
    static void startPortico() {
        portico = new FakePortico();
    }

    @AfterAll
    static void stopPortico() {
        portico.close();
    }

    @BeforeEach
    void newVerifier() {
        clock = new MutableClock(NOW);
        audience = portico.issuer() + "/demo-app";
        verifier = new AccessTokenVerifier(portico.issuer(), audience, portico.jwksUrl(),
                new DefaultResourceRetriever(2000, 2000, 64 * 1024), clock);
    }

    private JWTClaimsSet.Builder claims() {
        return portico.accessClaims(audience, NOW);
    }

    private String token(JWTClaimsSet claims) {
        return portico.signAccess(JWSAlgorithm.ES256, claims);
    }

    private AccessTokenRejectedException refused(String token, Reason reason) {
        AccessTokenRejectedException e = assertThrows(AccessTokenRejectedException.class, () -> verifier.verify(token));
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256", "EdDSA"})
    void aValidAccessTokenGivesTheUserAndTheClaimsTheAppMayReceive(String algorithm) {
        JWTClaimsSet claims = claims().claim("roles", List.of("end-user", "content-editor")).build();

        AccessToken token = verifier.verify(portico.signAccess(JWSAlgorithm.parse(algorithm), claims));

        assertAll(
                () -> assertEquals("alice", token.subject()),
                () -> assertEquals(Optional.of("Alice Example"), token.name()),
                () -> assertEquals(Optional.of("alice@example.org"), token.email()),
                () -> assertEquals(List.of("end-user", "content-editor"), token.roles()),
                () -> assertEquals("demo-app", token.clientId()),
                () -> assertEquals(claims.getJWTID(), token.jwtId()),
                () -> assertEquals(NOW, token.issuedAt()),
                () -> assertEquals(NOW.plus(Duration.ofMinutes(5)), token.expiresAt()),
                () -> assertEquals(portico.issuer(), token.issuer()),
                () -> assertEquals(List.of(audience), token.audience()),
                () -> assertEquals(algorithm, token.algorithm()));
    }

    @Test
    void claimsTheAppMayNotReceiveAreSimplyAbsent() {
        AccessToken token = verifier.verify(token(claims().claim("name", null).claim("email", null).claim("roles", null)
                .claim("sid", null).build()));

        assertAll(
                () -> assertEquals(Optional.empty(), token.name()),
                () -> assertEquals(Optional.empty(), token.email()),
                () -> assertEquals(List.of(), token.roles()));
    }

    @Test
    void aLinkTokenOpensNoApi() {
        String linkToken = portico.sign(JWSAlgorithm.ES256, portico.claims(audience, NOW).build());

        AccessTokenRejectedException e = refused(linkToken, Reason.WRONG_TYPE);

        assertTrue(e.getMessage().contains("'link+jwt' (a link token), not 'at+jwt'"), e.getMessage());
        refused(portico.sign(JWSAlgorithm.ES256, claims().build(), h -> h.type(null)), Reason.WRONG_TYPE);
        refused(portico.sign(JWSAlgorithm.ES256, claims().build(), h -> h.type(JOSEObjectType.JWT)), Reason.WRONG_TYPE);
        verifier.verify(portico.sign(JWSAlgorithm.ES256, claims().build(),
                h -> h.type(new JOSEObjectType("application/at+jwt"))));
    }

    @Test
    void anExpiredTokenIsRefusedOnceTheClockSkewIsUsedUp() {
        String token = token(claims().build());

        clock.advance(Duration.ofMinutes(5).plusSeconds(60));
        verifier.verify(token); // within the 60 s skew

        clock.advance(Duration.ofSeconds(1));
        AccessTokenRejectedException e = refused(token, Reason.EXPIRED);
        assertTrue(e.getMessage().contains("expired at 2026-11-30T10:05:00Z") && e.getMessage().endsWith("ask Portico for a new one."),
                e.getMessage());
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        refused(token(claims().notBeforeTime(Date.from(NOW.plusSeconds(61))).build()), Reason.NOT_YET_VALID);
        verifier.verify(token(claims().notBeforeTime(Date.from(NOW.plusSeconds(59))).build()));
    }

    @Test
    void aTokenForAnotherAppOrFromAnotherIssuerIsRefused() {
        AccessTokenRejectedException audienceRefused = refused(token(claims().audience("http://localhost:8080/billing").build()),
                Reason.WRONG_AUDIENCE);

        assertAll(
                () -> assertTrue(audienceRefused.getMessage().contains(audience), audienceRefused.getMessage()),
                () -> refused(token(claims().issuer("https://evil.example").build()), Reason.WRONG_ISSUER),
                () -> refused(token(claims().audience((String) null).build()), Reason.WRONG_AUDIENCE));
    }

    @Test
    void theClaimsRfc9068RequiresMustBeThere() {
        AccessTokenRejectedException missing = refused(token(claims().claim("client_id", null).jwtID(null).build()),
                Reason.MISSING_CLAIMS);

        assertAll(
                () -> assertTrue(missing.getMessage().startsWith("The token lacks jti, client_id;"), missing.getMessage()),
                () -> refused(token(claims().claim("roles", "end-user").build()), Reason.MALFORMED),
                () -> refused(token(claims().claim("client_id", 42).build()), Reason.MALFORMED));
    }

    @Test
    void forgedUnsignedAndMalformedTokensAreRefused() {
        String[] parts = token(claims().build()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("alice", "ada");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertAll(
                () -> refused(forged, Reason.BAD_SIGNATURE),
                () -> refused(new PlainJWT(claims().build()).serialize(), Reason.UNSUPPORTED_ALGORITHM),
                () -> refused(portico.sign(JWSAlgorithm.ES256, claims().build(),
                        h -> h.type(new JOSEObjectType("at+jwt")).keyID("gone")), Reason.UNKNOWN_KEY),
                () -> refused("expired.looking.garbage", Reason.MALFORMED),
                () -> refused(null, Reason.MISSING),
                () -> refused(" ", Reason.MISSING));
    }

    @Test
    void anUnreachableJwksIsOurProblemNotTheTokens() {
        AccessTokenVerifier nowhere = new AccessTokenVerifier(portico.issuer(), audience,
                URI.create("http://127.0.0.1:9/.well-known/jwks.json"), new DefaultResourceRetriever(500, 500), clock);

        assertThrows(PorticoUnavailableException.class, () -> nowhere.verify(token(claims().build())));
    }
}
