package org.portico.deeplink.link;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientAuthentication;
import org.portico.deeplink.link.InboundLinkVerifier.InboundLinkRejectedException;
import org.portico.deeplink.testing.LinkWorld;
import org.portico.deeplink.testing.TokenWorld;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/** Inbound signed links: HS256 with the app's secret, and RS256/ES256 with keys served by a real JWKS endpoint. */
class InboundLinkVerifierTest {

    private static final String LINK = "/link/invoice/42?tab=items";
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-billing".getBytes(StandardCharsets.US_ASCII);

    private HttpServer jwksServer;
    private LinkWorld world;
    private ECKey ecKey;
    private RSAKey rsaKey;
    private ECKey unpublished;
    private AppRegistration partner;

    @BeforeEach
    void start() throws Exception {
        ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        unpublished = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        byte[] jwks = new JWKSet(java.util.List.of(ecKey.toPublicJWK(), rsaKey.toPublicJWK())).toString()
                .getBytes(StandardCharsets.UTF_8);
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        jwksServer.start();
        URI jwksUri = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json");
        world = new LinkWorld(app -> {
            try {
                return JWKSourceBuilder.create(((ClientAuthentication.PrivateKeyJwt) app.clientAuthentication())
                        .jwksUri().toURL()).build();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        });
        partner = world.tokens.register(AppRegistration.builder("partner").name("Partner")
                .baseUrl("https://partner.example").audience("https://partner.example")
                .clientAuthentication(new ClientAuthentication.PrivateKeyJwt(jwksUri)).build());
        world.inboundSecrets.put("billing", SECRET);
    }

    @AfterEach
    void stop() {
        jwksServer.stop(0);
    }

    private JWTClaimsSet.Builder claims(String appId) {
        Instant now = world.clock.instant();
        return new JWTClaimsSet.Builder().issuer(appId).audience(TokenWorld.ISSUER).subject("alice")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID("j-" + System.nanoTime()).claim(InboundLinkVerifier.LINK, LINK);
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private String hs256(JWTClaimsSet claims) throws Exception {
        return sign(new MACSigner(SECRET), JWSAlgorithm.HS256, null, claims);
    }

    /** A bad signature for the given reason: a case must not pass because an earlier, unrelated check failed. */
    private static void assertRejectedFor(String reason, InboundLinkRejectedException e, String... why) {
        assertEquals(LinkOutcome.BAD_SIGNATURE, e.outcome());
        assertEquals("inbound link signature rejected: " + reason, e.getMessage(), String.join(" ", why));
    }

    private InboundLinkRejectedException rejected(String signature, String link) {
        return assertThrows(InboundLinkRejectedException.class, () -> world.inbound.verify(signature, link));
    }

    @Test
    void anAppSignsWithItsSharedSecret() throws Exception {
        JWTClaimsSet claims = claims("billing").build();
        InboundLink link = world.inbound.verify(hs256(claims), LINK);
        assertAll(
                () -> assertEquals("billing", link.app().id()),
                () -> assertEquals("alice", link.subject()),
                () -> assertEquals(claims.getJWTID(), link.jwtId()),
                () -> assertEquals(claims.getExpirationTime().toInstant(), link.expiresAt()));
    }

    @Test
    void anAppSignsWithAKeyFromItsJwks() throws Exception {
        String es = sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, "ec-1", claims("partner").build());
        String rs = sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS256, "rsa-1", claims("partner").build());
        assertAll(
                () -> assertEquals("partner", world.inbound.verify(es, LINK).app().id()),
                () -> assertEquals("partner", world.inbound.verify(rs, LINK).app().id()),
                () -> assertEquals(LinkOutcome.BAD_SIGNATURE, rejected(sign(new ECDSASigner(unpublished),
                        JWSAlgorithm.ES256, "ec-1", claims("partner").build()), LINK).outcome(), "a key not in the JWKS"),
                () -> assertEquals(LinkOutcome.BAD_SIGNATURE, rejected(hs256(claims("partner").build()), LINK).outcome(),
                        "partner has no shared secret"));
    }

    @Test
    void theSignatureBindsTheExactPathAndQuery() throws Exception {
        String signature = hs256(claims("billing").build());
        assertAll(
                () -> assertEquals(LinkOutcome.BAD_SIGNATURE, rejected(signature, "/link/invoice/43?tab=items").outcome()),
                () -> assertEquals(LinkOutcome.BAD_SIGNATURE, rejected(signature, LINK + "&extra=1").outcome()),
                () -> assertEquals(LinkOutcome.BAD_SIGNATURE, rejected(hs256(claims("billing")
                        .claim(InboundLinkVerifier.LINK, null).build()), LINK).outcome(), "no link claim"));
    }

    @Test
    void tamperedForeignAndMisaddressedSignaturesAreRejected() throws Exception {
        String good = hs256(claims("billing").build());
        String[] parts = good.split("\\.");
        assertAll(
                // The first character of the signature (six whole bits) changed: its last ones may carry padding bits
                // only, so overwriting them left the signature valid about once in a thousand runs.
                () -> assertRejectedFor("bad signature", rejected(parts[0] + "." + parts[1] + "."
                        + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1), LINK)),
                () -> assertRejectedFor("bad signature", rejected(sign(new MACSigner(
                        "another-secret-another-secret-another-secret".getBytes()), JWSAlgorithm.HS256, null,
                        claims("billing").build()), LINK)),
                () -> assertRejectedFor("JWT aud claim rejected", rejected(hs256(claims("billing")
                        .audience("https://elsewhere.example").build()), LINK)),
                () -> assertRejectedFor("unknown or disabled app", rejected(hs256(claims("nobody").build()), LINK)),
                () -> assertRejectedFor("JWT missing required claims: [sub]", rejected(hs256(claims("billing").subject(null).build()), LINK)),
                () -> assertRejectedFor("malformed", rejected("not-a-jws", LINK)),
                () -> assertRejectedFor("malformed", rejected(new com.nimbusds.jwt.PlainJWT(
                        claims("billing").build()).serialize(), LINK), "alg none"));
    }

    @Test
    void signaturesExpireAndMayNotLiveLong() throws Exception {
        String signature = hs256(claims("billing").build());
        Instant now = world.clock.instant();
        String longLived = hs256(claims("billing").expirationTime(Date.from(now.plus(Duration.ofMinutes(30)))).build());
        assertEquals(LinkOutcome.BAD_SIGNATURE, rejected(longLived, LINK).outcome());
        world.clock.advance(Duration.ofSeconds(149));
        assertEquals("alice", world.inbound.verify(signature, LINK).subject(), "within exp + 30 s skew");
        world.clock.advance(Duration.ofSeconds(1));
        InboundLinkRejectedException expired = rejected(signature, LINK);
        assertAll(
                () -> assertEquals(LinkOutcome.EXPIRED, expired.outcome()),
                () -> assertTrue(expired.getMessage().startsWith("inbound link signature rejected")));
    }
}
