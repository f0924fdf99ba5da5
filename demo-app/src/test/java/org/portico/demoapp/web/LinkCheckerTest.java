package org.portico.demoapp.web;

import java.time.Instant;
import java.util.Optional;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.portico.demoapp.verify.FakePortico;
import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;
import org.portico.demoapp.verify.MutableClock;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every visit ends in an outcome to show, never an exception: also when Portico is down. */
class LinkCheckerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final FakePortico portico = new FakePortico();
    private final MutableClock clock = new MutableClock(NOW);

    @AfterEach
    void stop() {
        portico.close();
    }

    private int port() {
        return portico.url().getPort();
    }

    @Test
    void byDefaultThePorticoOnThePortTheRequestCameInOnIsAsked() {
        LinkChecker checker = new LinkChecker(new DemoAppSettings(Optional.empty(), Optional.empty()), "/demo-app", clock);
        String token = portico.sign(JWSAlgorithm.ES256, portico.claims(portico.issuer() + "/demo-app", NOW).build());

        Outcome outcome = checker.check(token, port());

        assertInstanceOf(Outcome.Verified.class, outcome, outcome.toString());
        assertEquals("http://127.0.0.1:" + port(), checker.porticoUrl(port()).toString());
    }

    @Test
    void aRefusalKeepsWhatTheHeaderSaid() {
        LinkChecker checker = new LinkChecker(new DemoAppSettings(Optional.of(portico.url()), Optional.empty()), "/demo-app", clock);
        String accessToken = portico.sign(JWSAlgorithm.ES256, portico.claims(portico.issuer() + "/demo-app", NOW).build(),
                h -> h.type(new JOSEObjectType("at+jwt")));

        Outcome.Refused refused = assertInstanceOf(Outcome.Refused.class, checker.check(accessToken, 1));

        assertAll(
                () -> assertEquals(Reason.WRONG_TYPE, refused.reason()),
                () -> assertEquals(new Outcome.SentHeader("at+jwt", "ES256", FakePortico.EC_KID), refused.header()));
    }

    @Test
    void anUnreachablePorticoIsAMessageNotAnError() {
        LinkChecker checker = new LinkChecker(new DemoAppSettings(Optional.empty(), Optional.empty()), "/demo-app", clock);

        Outcome.Unavailable outcome = assertInstanceOf(Outcome.Unavailable.class, checker.check("a.b.c", 9));

        assertTrue(outcome.message().startsWith("Could not read Portico's discovery document at http://127.0.0.1:9/"),
                outcome.message());
    }

    @Test
    void noTokenIsNoTokenWithoutAskingPortico() {
        LinkChecker checker = new LinkChecker(new DemoAppSettings(Optional.empty(), Optional.empty()), "/demo-app", clock);

        assertInstanceOf(Outcome.NoToken.class, checker.check(null, 9));
        assertInstanceOf(Outcome.NoToken.class, checker.check(" ", 9));
    }
}
