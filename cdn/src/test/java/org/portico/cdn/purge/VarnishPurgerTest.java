package org.portico.cdn.purge;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portico.cdn.purge.FakeCdnServer.Answer;
import org.portico.cdn.purge.FakeCdnServer.Request;

/** Varnish with xkey, as Portico's VCL expects to be asked, against a local HTTP server. */
class VarnishPurgerTest {

    private final FakeCdnServer varnish = FakeCdnServer.start();

    @AfterEach
    void stop() {
        varnish.close();
    }

    private static CdnPurger purger(URI endpoint, String timeout) {
        return CdnPurgers.create(new PurgeTarget(PurgeTarget.Kind.VARNISH, endpoint, Map.of("timeout", timeout),
                Optional.empty()), HttpClient.newHttpClient(), Clock.systemUTC());
    }

    private static CdnPurger purger(URI endpoint) {
        return purger(endpoint, "PT5S");
    }

    @Test
    void tagPurgeIsPurgeOfTheRootWithTheTagsSpaceSeparatedInXkeyPurge() throws PurgeException {
        varnish.answer(Answer.text(200, "Invalidated 3 objects"));

        purger(varnish.endpoint()).purge(Purge.ofTags(Set.of("cms:builtin:page:about", "asset:app.css")));

        Request request = varnish.onlyRequest();
        assertAll(
                () -> assertEquals("PURGE", request.method()),
                () -> assertEquals("/", request.target()),
                () -> assertEquals(Optional.of(varnish.authority()), request.header("Host")),
                () -> assertEquals(Optional.of("asset:app.css cms:builtin:page:about"), request.header("xkey-purge")),
                () -> assertEquals("", request.body()));
    }

    @Test
    void urlPurgeIsPurgeOfThePathAndQueryWithThePublicHost() throws PurgeException {
        varnish.answer(Answer.text(200, "Purged"));

        purger(varnish.endpoint()).purge(Purge.ofUrls(Set.of("https://portal.example.com:8443/p/über?lang=de")));

        Request request = varnish.onlyRequest();
        assertAll(
                () -> assertEquals("PURGE", request.method()),
                () -> assertEquals("/p/%C3%BCber?lang=de", request.target()),
                () -> assertEquals(Optional.of("portal.example.com:8443"), request.header("Host")),
                () -> assertEquals(Optional.empty(), request.header("xkey-purge")));
    }

    @Test
    void urlWithoutPathOrPortPurgesTheRootOfTheHost() throws PurgeException {
        varnish.answer(Answer.text(200, "Purged"));

        purger(varnish.endpoint()).purge(Purge.ofUrls(Set.of("https://portal.example.com")));

        assertAll(
                () -> assertEquals("/", varnish.onlyRequest().target()),
                () -> assertEquals(Optional.of("portal.example.com"), varnish.onlyRequest().header("Host")));
    }

    @Test
    void checkPurgesATagNothingCarriesAndSaysWhatVarnishAnswered() throws PurgeException {
        varnish.answer(Answer.text(200, "Invalidated 0 objects"));

        String reached = purger(varnish.endpoint()).check();

        assertAll(
                () -> assertEquals("Varnish at " + varnish.endpoint() + " (Invalidated 0 objects)", reached),
                () -> assertEquals(Optional.of(VarnishPurger.CHECK_TAG), varnish.onlyRequest().header("xkey-purge")));
    }

    @Test
    void aRefusalByTheVclNeedsAnAdmin() {
        varnish.answer(Answer.text(405, "Not allowed."));

        PurgeException e = assertThrows(PurgeException.class,
                () -> purger(varnish.endpoint()).purge(Purge.ofTags(Set.of("a"))));

        assertAll(
                () -> assertFalse(e.retryable()),
                () -> assertEquals("Varnish at " + varnish.endpoint() + " answered 405 Method Not Allowed purging 1 "
                        + "tag: its VCL does not accept purges from Portico's address (see the acl in the VCL); "
                        + "Varnish says: Not allowed.", e.getMessage()));
    }

    @Test
    void aServerErrorIsRetryableAfterWhatVarnishAsks() {
        varnish.answer(Answer.text(503, "Backend fetch failed").withHeader("Retry-After", "20"));

        PurgeException e = assertThrows(PurgeException.class,
                () -> purger(varnish.endpoint()).purge(Purge.ofUrls(Set.of("https://portal.example.com/p/a"))));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertEquals(Optional.of(Duration.ofSeconds(20)), e.retryAfter()),
                () -> assertTrue(e.getMessage().contains("answered 503"), e.getMessage()));
    }

    @Test
    void somethingThatIsNotHttpIsRetryable() throws Exception {
        try (ServerSocket notHttp = FakeCdnServer.answeringRaw("SSH-2.0-OpenSSH_9.6\r\n", false)) {
            URI endpoint = URI.create("http://127.0.0.1:" + notHttp.getLocalPort());

            PurgeException e = assertThrows(PurgeException.class,
                    () -> purger(endpoint).purge(Purge.ofTags(Set.of("a"))));

            assertAll(
                    () -> assertTrue(e.retryable()),
                    () -> assertEquals("Varnish at " + endpoint + " answered something that is not HTTP purging 1 "
                            + "tag: 'SSH-2.0-OpenSSH_9.6'", e.getMessage()));
        }
    }

    /**
     * A 200 whose body has no length, on a connection the server keeps open despite {@code Connection: close}: the
     * status is in, so the purge succeeded; the wait for the rest of the body ends at the timeout, without an error.
     */
    @Test
    void aBodyWithoutLengthOnAConnectionLeftOpenStillSucceeds() throws Exception {
        try (ServerSocket keepAlive = FakeCdnServer.answeringRaw("HTTP/1.1 200 OK\r\nServer: Varnish\r\n\r\n"
                + "Invalidated 1 objects", true)) {
            URI endpoint = URI.create("http://127.0.0.1:" + keepAlive.getLocalPort());

            assertEquals("Varnish at " + endpoint + " (Invalidated 1 objects)", purger(endpoint, "PT0.3S").check());
        }
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        URI nowhere = FakeCdnServer.refusingEndpoint();

        PurgeException e = assertThrows(PurgeException.class, () -> purger(nowhere).check());

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertEquals("Varnish could not be reached at " + nowhere + " purging 1 tag (connection "
                        + "refused or no route)", e.getMessage()));
    }

    @Test
    void noAnswerWithinTheTimeoutIsRetryable() {
        varnish.answer(Answer.hanging());

        PurgeException e = assertThrows(PurgeException.class,
                () -> purger(varnish.endpoint(), "PT0.3S").purge(Purge.ofTags(Set.of("a"))));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertEquals("Varnish at " + varnish.endpoint() + " did not answer within 300 ms purging 1 tag",
                        e.getMessage()));
    }

    @Test
    void aPurgeOverTheLimitsIsTheCallersMistake() {
        CdnPurger purger = purger(varnish.endpoint());
        Set<String> tags = IntStream.rangeClosed(1, 101).mapToObj(i -> "tag" + i).collect(Collectors.toSet());

        assertAll(
                () -> assertEquals(new PurgeLimits(100, 1), purger.limits()),
                () -> assertThrows(IllegalArgumentException.class, () -> purger.purge(Purge.ofTags(tags))),
                () -> assertThrows(IllegalArgumentException.class, () -> purger.purge(
                        Purge.ofUrls(Set.of("https://portal.example.com/a", "https://portal.example.com/b")))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> purger.purge(Purge.ofTags(Set.of("two words")))),
                () -> assertTrue(varnish.requests().isEmpty()));
    }
}
