package org.portico.web.cdn;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exponential backoff with full jitter: the ceiling doubles per failure up to the cap, the delay is drawn evenly below
 * it from the given random source (seeded here, so each delay is known), and a CDN's {@code Retry-After} is honoured.
 */
class PurgeBackoffTest {

    private static final long SEED = 20261207L;

    @ParameterizedTest
    @CsvSource({"1, PT1S", "2, PT2S", "3, PT4S", "4, PT8S", "10, PT8M32S", "11, PT10M", "12, PT10M", "64, PT10M",
            "2147483647, PT10M"})
    void theCeilingDoublesPerFailureUpToTheCap(int failures, Duration ceiling) {
        assertEquals(ceiling, new PurgeBackoff(PurgeBackoff.BASE, PurgeBackoff.CAP, new SplittableRandom(SEED))
                .ceiling(failures));
    }

    @Test
    void eachDelayIsTheSeededDrawBelowItsCeiling() {
        PurgeBackoff backoff = new PurgeBackoff(PurgeBackoff.BASE, PurgeBackoff.CAP, new SplittableRandom(SEED));
        SplittableRandom same = new SplittableRandom(SEED);

        for (int failures = 1; failures <= 15; failures++) {
            long ceiling = Math.min(1000L << (failures - 1), 600_000L);
            Duration expected = Duration.ofMillis(same.nextLong(ceiling + 1));
            Duration delay = backoff.delay(failures, Optional.empty());
            int attempt = failures;
            assertAll(
                    () -> assertEquals(expected, delay, "after failure " + attempt),
                    () -> assertTrue(delay.toMillis() <= ceiling, "within the ceiling after failure " + attempt));
        }
    }

    @Test
    void theDelaysSpreadOverTheWholeRangeNotJustNearTheCeiling() {
        PurgeBackoff backoff = new PurgeBackoff(PurgeBackoff.BASE, PurgeBackoff.CAP, new SplittableRandom(SEED));
        long below = 0;
        for (int i = 0; i < 1000; i++) {
            if (backoff.delay(11, Optional.empty()).compareTo(Duration.ofMinutes(5)) < 0) {
                below++;
            }
        }
        long belowHalf = below;
        assertTrue(belowHalf > 400 && belowHalf < 600, "about half below half the cap, got " + belowHalf);
    }

    @Test
    void aRetryAfterLongerThanTheJitterIsHonoured() {
        PurgeBackoff backoff = new PurgeBackoff(PurgeBackoff.BASE, PurgeBackoff.CAP, new SplittableRandom(SEED));

        assertAll(
                () -> assertEquals(Duration.ofSeconds(30), backoff.delay(1, Optional.of(Duration.ofSeconds(30)))),
                () -> assertEquals(PurgeBackoff.MAX_RETRY_AFTER, backoff.delay(1, Optional.of(Duration.ofDays(1))),
                        "a day is cut to an hour"),
                () -> assertTrue(backoff.delay(1, Optional.of(Duration.ofSeconds(-5))).toMillis() <= 1000,
                        "a negative Retry-After is ignored"));
    }

    @Test
    void aShortRetryAfterDoesNotShortenTheJitteredDelay() {
        PurgeBackoff backoff = new PurgeBackoff(PurgeBackoff.BASE, PurgeBackoff.CAP, new SplittableRandom(SEED));
        SplittableRandom same = new SplittableRandom(SEED);
        Duration jittered = Duration.ofMillis(same.nextLong(600_001));

        Duration delay = backoff.delay(20, Optional.of(Duration.ofMillis(1)));

        assertEquals(jittered.compareTo(Duration.ofMillis(1)) > 0 ? jittered : Duration.ofMillis(1), delay);
    }

    @Test
    void aRefusalWaitsTheCap() {
        assertEquals(PurgeBackoff.CAP, new PurgeBackoff(PurgeBackoff.BASE, PurgeBackoff.CAP, new SplittableRandom())
                .afterRefusal());
    }

    @Test
    void nonsenseIsRefused() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new PurgeBackoff(Duration.ZERO, PurgeBackoff.CAP, new SplittableRandom())),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new PurgeBackoff(Duration.ofMinutes(20), PurgeBackoff.CAP, new SplittableRandom())),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new PurgeBackoff(PurgeBackoff.BASE, PurgeBackoff.CAP, new SplittableRandom())
                                .delay(0, Optional.empty())));
    }
}
