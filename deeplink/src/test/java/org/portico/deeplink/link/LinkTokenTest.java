package org.portico.deeplink.link;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.link.LinkTokenVerifier.LinkTokenRejectedException;
import org.portico.deeplink.link.LinkTokenVerifier.VerifiedLinkToken;
import org.portico.deeplink.testing.LinkWorld;
import org.portico.deeplink.testing.TokenWorld;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.SignedJWT;

class LinkTokenTest {

    private final LinkWorld world = new LinkWorld();
    private final LinkRoute invoice = world.routes.get("invoice");

    private LinkToken issue() {
        return world.issuer.issue(TokenWorld.ALICE, world.tokens.billing, invoice, Map.of("id", "42", "tab", "items"));
    }

    @Test
    void aLinkTokenIsALinkJwtWithTheRouteParamsAndOnlyTheClaimsBothRouteAndAppAllow() throws Exception {
        LinkToken token = issue();
        SignedJWT jwt = SignedJWT.parse(token.value());
        VerifiedLinkToken verified = world.verifier.verify(token.value(), "https://billing.example");
        assertAll(
                () -> assertEquals(new JOSEObjectType("link+jwt"), jwt.getHeader().getType()),
                () -> assertEquals(world.tokens.keys.activeKeyId(), jwt.getHeader().getKeyID()),
                () -> assertEquals(TokenWorld.ISSUER, verified.claims().getIssuer()),
                () -> assertEquals("alice", verified.subject()),
                () -> assertEquals(List.of("https://billing.example"), verified.claims().getAudience()),
                () -> assertEquals("invoice", verified.route()),
                () -> assertEquals(Map.of("id", "42", "tab", "items"), verified.params()),
                () -> assertEquals(token.jwtId(), verified.jwtId()),
                () -> assertEquals(Duration.ofMinutes(2), Duration.between(verified.issuedAt(), verified.expiresAt())),
                () -> assertEquals("Alice Example", verified.claims().getClaim("name")),
                () -> assertEquals("alice@example.org", verified.claims().getClaim("email")),
                () -> assertNull(verified.claims().getClaim("roles"), "the route does not send roles"),
                () -> assertNull(verified.claims().getClaim("client_id"), "not an access token"),
                () -> assertFalse(token.toString().contains(token.value())));
    }

    @Test
    void aLinkTokenCarriesTheRegisteredClaimsWithoutNbfAndNothingOfAnAccessToken() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issue().value());
        assertEquals(Set.of("iss", "sub", "aud", "exp", "iat", "jti", "route", "params", "name", "email"),
                jwt.getJWTClaimsSet().getClaims().keySet());
    }

    @Test
    void claimsTheAppMayNotReceiveStayHomeEvenWhenTheRouteListsThem() {
        LinkRoute all = invoice.toBuilder().claims(UserClaim.NAME, UserClaim.EMAIL, UserClaim.ROLES).build();
        LinkToken token = world.issuer.issue(TokenWorld.ALICE, world.tokens.crm, all, Map.of("id", "1"));
        VerifiedLinkToken verified = world.verifier.verify(token.value(), "https://crm.example");
        assertAll(
                () -> assertEquals("Alice Example", verified.claims().getClaim("name")),
                () -> assertNull(verified.claims().getClaim("email")),
                () -> assertNull(verified.claims().getClaim("roles")));
    }

    @Test
    void theTokenExpiresAfterTheRoutesLifetimePlusTheClockSkew() {
        String token = issue().value();
        world.clock.advance(Duration.ofMinutes(2).plusSeconds(29));
        assertEquals("alice", world.verifier.verify(token, "https://billing.example").subject());
        world.clock.advance(Duration.ofSeconds(1));
        assertEquals(LinkOutcome.EXPIRED, assertThrows(LinkTokenRejectedException.class,
                () -> world.verifier.verify(token, "https://billing.example")).outcome());
    }

    @Test
    void aTokenFromTheFutureIsRejected() {
        String token = issue().value();
        world.clock.advance(Duration.ofSeconds(-31));
        assertEquals(LinkOutcome.BAD_SIGNATURE, assertThrows(LinkTokenRejectedException.class,
                () -> world.verifier.verify(token, "https://billing.example")).outcome());
    }

    /** Rejected for the given reason: a case must not pass because an earlier, unrelated check failed. */
    private static void assertRejected(String reason, org.junit.jupiter.api.function.Executable verification) {
        LinkTokenRejectedException e = assertThrows(LinkTokenRejectedException.class, verification);
        assertEquals("link token rejected: " + reason, e.getMessage());
    }

    @Test
    void tamperedForeignOrMisdirectedTokensAreRejected() {
        String token = issue().value();
        String[] parts = token.split("\\.");
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"42\"", "\"43\"").getBytes());
        String accessToken = world.tokens.aliceTokenForBilling();
        assertAll(
                () -> assertRejected("bad signature", () -> world.verifier.verify(parts[0] + "." + otherPayload + "."
                        + parts[2], "https://billing.example")),
                () -> assertRejected("wrong audience", () -> world.verifier.verify(token, "https://crm.example")),
                () -> assertRejected("wrong type", () -> world.verifier.verify(accessToken, "https://billing.example")),
                () -> assertRejected("malformed", () -> world.verifier.verify("x.y.z", "https://billing.example")),
                () -> assertRejected("malformed", () -> world.verifier.verify(null, "https://billing.example")),
                () -> assertRejected("unknown key or algorithm",
                        () -> new LinkWorld().verifier.verify(token, "https://billing.example")));
    }

    @Test
    void aTokenSignedBeforeARotationStillVerifies() {
        String token = issue().value();
        world.tokens.keys.rotate();
        assertEquals("invoice", world.verifier.verify(token, "https://billing.example").route());
    }
}
