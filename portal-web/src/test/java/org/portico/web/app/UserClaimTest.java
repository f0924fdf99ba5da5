package org.portico.web.app;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UserClaimTest {

    @ParameterizedTest
    @EnumSource(UserClaim.class)
    void isTheDeeplinkClaimOfTheSameName(UserClaim claim) {
        assertEquals(claim.name(), claim.toDeeplink().name());
        assertEquals(claim.toDeeplink().claimName(), claim.claimName());
        assertEquals(claim, UserClaim.of(claim.toDeeplink()));
        assertEquals(Optional.of(claim), UserClaim.findByName(claim.claimName()));
    }

    @ParameterizedTest
    @EnumSource(org.portico.deeplink.app.UserClaim.class)
    void coversEveryDeeplinkClaim(org.portico.deeplink.app.UserClaim claim) {
        assertEquals(claim, UserClaim.of(claim).toDeeplink());
    }
}
