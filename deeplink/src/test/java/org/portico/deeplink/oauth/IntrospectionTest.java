package org.portico.deeplink.oauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.portico.deeplink.testing.TokenWorld;

import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;

class IntrospectionTest {

    private final TokenWorld world = new TokenWorld();
    private final Introspection introspection = new Introspection(world.verifier);

    @Test
    void anActiveTokenShowsItsClaimsToItsAudience() {
        TokenIntrospectionSuccessResponse response = introspection.introspect(world.aliceTokenForBilling(),
                world.billing);
        assertAll(
                () -> assertTrue(response.isActive()),
                () -> assertEquals("alice", response.getSubject().getValue()),
                () -> assertEquals("alice", response.getUsername()),
                () -> assertEquals("billing", response.getClientID().getValue()),
                () -> assertEquals("Bearer", response.getStringParameter("token_type")),
                () -> assertTrue(response.toHTTPResponse().getBody().contains("\"active\":true")));
    }

    @Test
    void everyOtherTokenIsInactiveAndNothingMoreIsSaid() {
        String token = world.aliceTokenForBilling();
        TokenIntrospectionSuccessResponse foreign = introspection.introspect(token, world.crm);
        TokenIntrospectionSuccessResponse garbage = introspection.introspect("garbage", world.billing);
        world.revocations.revokeSession("s-1", world.clock.instant().plus(Duration.ofHours(1)));
        TokenIntrospectionSuccessResponse revoked = introspection.introspect(token, world.billing);
        assertAll(
                () -> assertEquals(Map.of("active", false), foreign.toJSONObject()),
                () -> assertEquals(Introspection.inactive(), garbage),
                () -> assertEquals(Introspection.inactive(), revoked),
                () -> assertEquals("{\"active\":false}", revoked.toHTTPResponse().getBody()));
    }
}
