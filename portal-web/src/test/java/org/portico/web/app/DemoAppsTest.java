package org.portico.web.app;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.portico.deeplink.redirect.AppBaseUrl;
import org.portico.web.settings.PorticoIssuer;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoAppsTest {

    @Test
    void theDemoAppIsFramedUnderTheOtherLoopbackName() {
        PorticoIssuer issuer = PorticoIssuer.parse("http://127.0.0.1:8480");

        AppRules.Checked checked = AppRules.check(DemoApps.demoApp(issuer), true, issuer.origin());

        assertAll(
                () -> assertTrue(checked.isValid(), checked.errors().toString()),
                () -> assertEquals(List.of("http://127.0.0.1:8480/demo-app", "http://localhost:8480/demo-app"),
                        checked.baseUrls().stream().map(AppBaseUrl::toString).toList()),
                () -> assertTrue(checked.mayBeFramed()),
                () -> assertEquals(List.of(SandboxFlag.ALLOW_SCRIPTS, SandboxFlag.ALLOW_SAME_ORIGIN, SandboxFlag.ALLOW_FORMS),
                        checked.sandbox().stream().sorted().toList()));
    }

    @Test
    void theOtherLoopbackNameWorksBothWaysAndOnlyForLoopback() {
        assertAll(
                () -> assertEquals(Optional.of("http://127.0.0.1:8080/demo-app"),
                        DemoApps.otherLoopbackBase(PorticoIssuer.parse("http://localhost:8080"))),
                () -> assertEquals(Optional.of("http://localhost/demo-app"),
                        DemoApps.otherLoopbackBase(PorticoIssuer.parse("http://127.0.0.1"))),
                () -> assertEquals(Optional.empty(),
                        DemoApps.otherLoopbackBase(PorticoIssuer.parse("https://portal.example"))));
    }
}
