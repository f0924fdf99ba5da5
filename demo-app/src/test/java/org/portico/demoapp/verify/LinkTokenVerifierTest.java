package org.portico.demoapp.verify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.crypto.ECDSASigner;
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

/** The verifier against a real JWKS over HTTP: every way a link token is accepted or refused, and why. */
class LinkTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static FakePortico portico;
    private MutableClock clock;
    private LinkTokenVerifier verifier;
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
        verifier = new LinkTokenVerifier(portico.issuer(), audience, portico.jwksUrl(),
                new DefaultResourceRetriever(2000, 2000, 64 * 1024), clock);
    }

    private String token(JWTClaimsSet claims) {
        return portico.sign(JWSAlgorithm.ES256, claims);
    }

    private JWTClaimsSet.Builder claims() {
        return portico.claims(audience, NOW);
    }

    private LinkTokenRejectedException refused(String token, Reason reason) {
        LinkTokenRejectedException e = assertThrows(LinkTokenRejectedException.class, () -> verifier.verify(token));
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256", "EdDSA"})
    void aValidLinkTokenGivesTheUserTheRouteAndItsParameters(String algorithm) {
        JWTClaimsSet claims = claims().claim("params", Map.of("id", "42", "tab", "notes")).build();

        LinkToken token = verifier.verify(portico.sign(JWSAlgorithm.parse(algorithm), claims));

        assertAll(
                () -> assertEquals("alice", token.subject()),
                () -> assertEquals(Optional.of("Alice Example"), token.name()),
                () -> assertEquals(Optional.of("alice@example.org"), token.email()),
                () -> assertEquals(List.of("end-user"), token.roles()),
                () -> assertEquals("invoice", token.route()),
                () -> assertEquals(Map.of("id", "42", "tab", "notes"), token.params()),
                () -> assertEquals(claims.getJWTID(), token.jwtId()),
                () -> assertEquals(NOW, token.issuedAt()),
                () -> assertEquals(NOW.plus(Duration.ofMinutes(5)), token.expiresAt()),
                () -> assertEquals(List.of(audience), token.audience()),
                () -> assertEquals(algorithm, token.algorithm()),
                () -> assertTrue(token.keyId().endsWith("-1"), token.keyId()));
    }

    @Test
    void optionalClaimsMayBeLeftOut() {
        LinkToken token = verifier.verify(token(claims().claim("name", null).claim("email", null).claim("roles", null)
                .claim("params", null).build()));

        assertAll(
                () -> assertEquals(Optional.empty(), token.name()),
                () -> assertEquals(Optional.empty(), token.email()),
                () -> assertEquals(List.of(), token.roles()),
                () -> assertEquals(Map.of(), token.params()));
    }

    @Test
    void anExpiredTokenIsRefusedOnceTheClockSkewIsUsedUp() {
        String token = token(claims().build());

        clock.advance(Duration.ofMinutes(5).plusSeconds(60));
        verifier.verify(token); // within the 60 s skew

        clock.advance(Duration.ofSeconds(1));
        LinkTokenRejectedException e = refused(token, Reason.EXPIRED);
        assertTrue(e.getMessage().contains("expired at 2026-03-01T10:05:00Z"), e.getMessage());
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        refused(token(portico.claims(audience, NOW.plusSeconds(61)).build()), Reason.NOT_YET_VALID);
        verifier.verify(token(portico.claims(audience, NOW.plusSeconds(59)).build()));
    }

    @Test
    void aTokenForAnotherAppIsRefused() {
        LinkTokenRejectedException e = refused(token(claims().audience("http://localhost:8080/billing").build()),
                Reason.WRONG_AUDIENCE);
        assertTrue(e.getMessage().contains("http://localhost:8080/billing") && e.getMessage().contains(audience), e.getMessage());
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        LinkTokenRejectedException e = refused(token(claims().issuer("https://evil.example").build()), Reason.WRONG_ISSUER);
        assertTrue(e.getMessage().contains("https://evil.example"), e.getMessage());
    }

    @Test
    void anAccessTokenIsNoLinkToken() {
        String accessToken = portico.sign(JWSAlgorithm.ES256, claims().build(), h -> h.type(new JOSEObjectType("at+jwt")));

        LinkTokenRejectedException e = refused(accessToken, Reason.WRONG_TYPE);
        assertTrue(e.getMessage().contains("'at+jwt' (an access token)"), e.getMessage());
        refused(portico.sign(JWSAlgorithm.ES256, claims().build(), h -> h.type(null)), Reason.WRONG_TYPE);
        refused(portico.sign(JWSAlgorithm.ES256, claims().build(), h -> h.type(JOSEObjectType.JWT)), Reason.WRONG_TYPE);
        verifier.verify(portico.sign(JWSAlgorithm.ES256, claims().build(),
                h -> h.type(new JOSEObjectType("application/link+jwt"))));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = token(claims().build());
        String[] parts = token.split("\\.");
        // Another user in the payload, the original signature kept.
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("alice", "admin");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        // One flipped bit in the signature.
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[10] ^= 1;
        String flipped = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        refused(forged, Reason.BAD_SIGNATURE);
        refused(flipped, Reason.BAD_SIGNATURE);
        refused(parts[0] + "." + parts[1] + ".AAAA", Reason.BAD_SIGNATURE);
    }

    @Test
    void aTokenSignedByAnotherKeyWithAPorticoKidIsRefused() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(FakePortico.EC_KID).generate();
        String token = FakePortico.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("link+jwt"))
                .keyID(FakePortico.EC_KID).build(), claims().build(), new ECDSASigner(stranger));

        refused(token, Reason.BAD_SIGNATURE);
    }

    @Test
    void anUnknownKidIsRefusedAfterFetchingTheKeysAgain() {
        verifier.verify(token(claims().build()));
        int fetches = portico.jwksFetches();

        LinkTokenRejectedException e = refused(portico.sign(JWSAlgorithm.ES256, claims().build(), h -> h.keyID("gone")),
                Reason.UNKNOWN_KEY);

        assertAll(
                () -> assertTrue(e.getMessage().contains("'gone'"), e.getMessage()),
                () -> assertEquals(fetches + 1, portico.jwksFetches(), "fetched again once for the unknown kid"));
        refused(portico.sign(JWSAlgorithm.ES256, claims().build(), h -> h.keyID(null)), Reason.UNKNOWN_KEY);
    }

    @Test
    void aKeyPublishedAfterARotationIsFoundWithoutRestarting() throws Exception {
        verifier.verify(token(claims().build()));
        ECKey next = new ECKeyGenerator(Curve.P_256).keyID("ec-2").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
        portico.publish(next);

        LinkToken token = verifier.verify(FakePortico.sign(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("link+jwt")).keyID("ec-2").build(), claims().build(), new ECDSASigner(next)));

        assertEquals("ec-2", token.keyId());
    }

    @Test
    void unsignedAndHmacTokensAreRefused() throws Exception {
        String none = new PlainJWT(claims().build()).serialize();
        String hmac = FakePortico.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("link+jwt"))
                .keyID(FakePortico.EC_KID).build(), claims().build(), new MACSigner("a-shared-secret-of-at-least-256-bits!!"));

        assertTrue(refused(none, Reason.UNSUPPORTED_ALGORITHM).getMessage().contains("not signed (alg 'none')"));
        refused(hmac, Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void malformedTokensAreRefused() {
        String valid = token(claims().build());
        String header = valid.substring(0, valid.indexOf('.'));
        String notJson = Base64.getUrlEncoder().withoutPadding().encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8));

        assertAll(
                () -> refused("not-a-jwt", Reason.MALFORMED),
                () -> refused("a.b", Reason.MALFORMED),
                () -> refused("%%%.%%%.%%%", Reason.MALFORMED),
                () -> refused(header + "." + notJson + ".AAAA", Reason.MALFORMED),
                () -> refused("x".repeat(LinkTokenVerifier.MAX_TOKEN_LENGTH + 1), Reason.MALFORMED));
    }

    @Test
    void missingTokensAreSaidToBeMissing() {
        assertAll(
                () -> refused(null, Reason.MISSING),
                () -> refused("", Reason.MISSING),
                () -> refused("  ", Reason.MISSING));
    }

    @Test
    void requiredClaimsAndTheirTypesAreChecked() {
        LinkTokenRejectedException missing = refused(token(claims().claim("route", null).jwtID(null).build()),
                Reason.MISSING_CLAIMS);

        assertAll(
                () -> assertTrue(missing.getMessage().startsWith("The token lacks jti, route;"), missing.getMessage()),
                () -> refused(token(claims().claim("params", Map.of("id", 42)).build()), Reason.MALFORMED),
                () -> refused(token(claims().claim("params", "id=42").build()), Reason.MALFORMED),
                () -> refused(token(claims().claim("roles", "end-user").build()), Reason.MALFORMED),
                () -> refused(token(claims().claim("route", List.of("a")).build()), Reason.MALFORMED));
    }

    @Test
    void anUnreachableJwksIsOurProblemNotTheTokens() {
        LinkTokenVerifier nowhere = new LinkTokenVerifier(portico.issuer(), audience,
                URI.create("http://127.0.0.1:9/.well-known/jwks.json"), new DefaultResourceRetriever(500, 500), clock);

        PorticoUnavailableException e = assertThrows(PorticoUnavailableException.class,
                () -> nowhere.verify(token(claims().build())));

        assertTrue(e.getMessage().startsWith("Could not fetch Portico's keys from http://127.0.0.1:9/.well-known/jwks.json:"),
                e.getMessage());
    }
}
