package org.portico.web.signedurl;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.portico.cdn.signing.SignedUrlCheck;
import org.portico.web.testing.MutableClock;

/** The cache lifetime of an answer to a signed URL never outlives the URL: walked with a fake clock. */
class SignedUrlsTest {

    static final Instant EXPIRES = Instant.parse("2026-03-01T09:15:00Z");
    static final SignedUrlCheck.Accepted ACCEPTED = new SignedUrlCheck.Accepted(
            "https://portal.example.com/media/a.png", "K1", EXPIRES);

    @Test
    void theCacheLifetimeIsTheTimeLeftCutToWholeSecondsAndNoneOnceExpired() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        SignedUrls urls = new SignedUrls();
        urls.clock = clock;
        String fresh = urls.cacheControl(ACCEPTED).toHeaderValue();
        clock.advance(Duration.ofMinutes(14).plusSeconds(59).plusMillis(500));
        String lastSecond = urls.cacheControl(ACCEPTED).toHeaderValue();
        clock.advance(Duration.ofMillis(500));
        String atExpiry = urls.cacheControl(ACCEPTED).toHeaderValue();
        clock.advance(Duration.ofSeconds(20)); // within the clock skew: still served, never cached
        String withinSkew = urls.cacheControl(ACCEPTED).toHeaderValue();
        assertAll(
                () -> assertEquals("private, max-age=900", fresh),
                () -> assertEquals("no-store", lastSecond, "less than a second left: nothing to cache"),
                () -> assertEquals("no-store", atExpiry),
                () -> assertEquals("no-store", withinSkew));
    }
}
