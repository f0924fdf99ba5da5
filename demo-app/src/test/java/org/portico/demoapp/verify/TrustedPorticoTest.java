package org.portico.demoapp.verify;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding Portico through its discovery document: the issuer to expect, the default audience, failures. */
class TrustedPorticoTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final FakePortico portico = new FakePortico();
    private final MutableClock clock = new MutableClock(NOW);
    private final DefaultResourceRetriever http = new DefaultResourceRetriever(1000, 1000, 64 * 1024);

    @AfterEach
    void stop() {
        portico.close();
    }

    private TrustedPortico trusted(Optional<String> audience) {
        return new TrustedPortico(portico.url(), audience, "/demo-app", http, clock);
    }

    @Test
    void theIssuerComesFromTheDiscoveryDocumentAndTheAudienceFollowsIt() {
        portico.issuer("http://localhost:8080");
        LinkTokenVerifier verifier = trusted(Optional.empty()).verifier();

        LinkToken token = verifier.verify(portico.sign(JWSAlgorithm.ES256,
                portico.claims("http://localhost:8080/demo-app", NOW).build()));

        assertAll(
                () -> assertEquals("http://localhost:8080/demo-app", verifier.audience()),
                () -> assertEquals("http://localhost:8080", token.issuer()));
    }

    @Test
    void accessTokensAreVerifiedForTheSameIssuerAndAudienceAndTheIssuerIsKnown() {
        portico.issuer("http://localhost:8080");
        TrustedPortico trusted = trusted(Optional.empty());

        AccessToken token = trusted.accessTokenVerifier().verify(portico.signAccess(JWSAlgorithm.ES256,
                portico.accessClaims("http://localhost:8080/demo-app", NOW).build()));

        assertAll(
                () -> assertEquals("alice", token.subject()),
                () -> assertEquals("http://localhost:8080/demo-app", trusted.accessTokenVerifier().audience()),
                () -> assertEquals("http://localhost:8080", trusted.issuer(), "Portico's public URL, not the one we reach it at"));
    }

    @Test
    void aConfiguredAudienceWins() {
        assertEquals("urn:demo", trusted(Optional.of("urn:demo")).verifier().audience());
    }

    @Test
    void theDiscoveryIsReadAgainAfterFiveMinutesAndTheLastGoodOneKeptWhenThatFails() {
        TrustedPortico trusted = trusted(Optional.empty());
        LinkTokenVerifier first = trusted.verifier();
        assertSame(first, trusted.verifier(), "cached");

        portico.issuer("https://portal.example.org");
        clock.advance(TrustedPortico.DISCOVERY_TTL.plusSeconds(1));
        LinkTokenVerifier changed = trusted.verifier();
        assertEquals("https://portal.example.org/demo-app", changed.audience());

        portico.breakDiscovery(true);
        clock.advance(TrustedPortico.DISCOVERY_TTL.plusSeconds(1));
        assertSame(changed, trusted.verifier(), "last good discovery kept");
    }

    @Test
    void anUnreachablePorticoGivesAMessageThatSaysWhatToConfigure() {
        TrustedPortico nowhere = new TrustedPortico(URI.create("http://127.0.0.1:9"), Optional.empty(), "/demo-app",
                http, clock);

        PorticoUnavailableException e = assertThrows(PorticoUnavailableException.class, nowhere::verifier);

        assertAll(
                () -> assertTrue(e.getMessage().startsWith("Could not read Portico's discovery document at"
                        + " http://127.0.0.1:9/.well-known/openid-configuration: it could not be fetched: ConnectException"),
                        e.getMessage()),
                () -> assertTrue(e.getMessage().contains("DEMO_APP_PORTICO_URL"), e.getMessage()));
    }

    @Test
    void aDiscoveryDocumentThatIsNoJsonIsReported() {
        portico.breakDiscovery(true);

        PorticoUnavailableException e = assertThrows(PorticoUnavailableException.class,
                () -> trusted(Optional.empty()).verifier());

        assertTrue(e.getMessage().contains(": it is not a JSON object."), e.getMessage());
        clock.advance(Duration.ofSeconds(1));
        portico.breakDiscovery(false);
        assertEquals(portico.issuer() + "/demo-app", trusted(Optional.empty()).verifier().audience(), "not cached");
    }
}
