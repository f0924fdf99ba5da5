package org.portico.deeplink.oauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.portico.deeplink.testing.TokenWorld;

class IntrospectionTest {

    private final TokenWorld world = new TokenWorld();
    private final Introspection introspection = new Introspection(world.verifier);

    @Test
    void anActiveTokenShowsItsClaimsToItsAudience() {
        IntrospectionResponse response = introspection.introspect(world.aliceTokenForBilling(), world.billing);
        assertAll(
                () -> assertTrue(response.active()),
                () -> assertEquals("alice", response.claims().get("sub")),
                () -> assertEquals("alice", response.claims().get("username")),
                () -> assertEquals("billing", response.claims().get("client_id")),
                () -> assertTrue(response.toJson().contains("\"active\":true")));
    }

    @Test
    void everyOtherTokenIsInactiveAndNothingMoreIsSaid() {
        String token = world.aliceTokenForBilling();
        IntrospectionResponse foreign = introspection.introspect(token, world.crm);
        IntrospectionResponse garbage = introspection.introspect("garbage", world.billing);
        world.revocations.revokeSession("s-1", world.clock.instant().plus(Duration.ofHours(1)));
        IntrospectionResponse revoked = introspection.introspect(token, world.billing);
        assertAll(
                () -> assertEquals(Map.of("active", false), foreign.claims()),
                () -> assertEquals(IntrospectionResponse.inactive(), garbage),
                () -> assertEquals(IntrospectionResponse.inactive(), revoked),
                () -> assertEquals("{\"active\":false}", revoked.toJson()));
    }
}
