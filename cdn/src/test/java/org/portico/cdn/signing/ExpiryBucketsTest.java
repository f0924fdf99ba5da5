package org.portico.cdn.signing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpiryBucketsTest {

    final ExpiryBuckets tenRoundedToFive = new ExpiryBuckets(Duration.ofMinutes(10), Duration.ofMinutes(5));

    @ParameterizedTest
    @CsvSource({
            "2026-03-01T09:00:00Z,     2026-03-01T09:10:00Z",
            "2026-03-01T09:00:00.001Z, 2026-03-01T09:15:00Z",
            "2026-03-01T09:00:01Z,     2026-03-01T09:15:00Z",
            "2026-03-01T09:04:59Z,     2026-03-01T09:15:00Z",
            "2026-03-01T09:05:00Z,     2026-03-01T09:15:00Z",
            "2026-03-01T09:05:01Z,     2026-03-01T09:20:00Z"})
    void roundsTheLifetimesEndUpToTheBucket(Instant now, Instant expected) {
        assertEquals(expected, tenRoundedToFive.expiresAt(now));
    }

    /** Every view within one bucket gets the same expiry, so the same URL; each lives at least the lifetime. */
    @Test
    void viewsWithinABucketShareTheExpiry() {
        Instant start = Instant.parse("2026-03-01T09:00:01Z");
        for (int second = 0; second < 300; second++) {
            Instant now = start.plusSeconds(second);
            Instant expiry = tenRoundedToFive.expiresAt(now);
            assertEquals(Instant.parse("2026-03-01T09:15:00Z"), expiry, now.toString());
            assertEquals(true, Duration.between(now, expiry).compareTo(Duration.ofMinutes(10)) >= 0);
        }
    }

    @Test
    void refusesRangesThatMakeNoSense() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new ExpiryBuckets(Duration.ZERO, Duration.ofSeconds(1))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new ExpiryBuckets(Duration.ofDays(8), Duration.ofMinutes(5))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new ExpiryBuckets(Duration.ofMinutes(5), Duration.ofMinutes(10))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new ExpiryBuckets(Duration.ofMinutes(5), Duration.ofMillis(1500))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new ExpiryBuckets(Duration.ofMinutes(5), Duration.ZERO)));
    }
}
