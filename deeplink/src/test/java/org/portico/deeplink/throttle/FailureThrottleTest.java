package org.portico.deeplink.throttle;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.portico.deeplink.testing.MutableClock;

class FailureThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration FIRST = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofMinutes(15);

    private final MutableClock clock = MutableClock.atDefaultStart();
    private final FailureThrottle throttle = new FailureThrottle(clock, WINDOW, FIRST, MAX, 1_000);

    @Test
    void theLastFreeFailureLocksAndEveryFurtherOneDoublesUpToTheMaximum() {
        for (int i = 0; i < 2; i++) {
            throttle.failed("k", 3);
        }
        Optional<Duration> beforeThird = throttle.lockedFor("k");
        throttle.failed("k", 3);
        Optional<Duration> first = throttle.lockedFor("k");
        throttle.failed("k", 3);
        Optional<Duration> second = throttle.lockedFor("k");
        for (int i = 0; i < 20; i++) {
            throttle.failed("k", 3);
        }
        assertAll(
                () -> assertEquals(Optional.empty(), beforeThird),
                () -> assertEquals(Optional.of(FIRST), first),
                () -> assertEquals(Optional.of(FIRST.multipliedBy(2)), second),
                () -> assertEquals(Optional.of(MAX), throttle.lockedFor("k")));
    }

    @Test
    void aLockEndsWithTimeAndOldFailuresAreForgotten() {
        throttle.failed("k", 2);
        clock.advance(WINDOW.plusSeconds(1));
        throttle.failed("k", 2);
        Optional<Duration> afterWindow = throttle.lockedFor("k");
        throttle.failed("k", 2);
        clock.advance(FIRST);
        assertAll(
                () -> assertEquals(Optional.empty(), afterWindow, "the first failure was outside the window"),
                () -> assertEquals(Optional.empty(), throttle.lockedFor("k"), "the lock has ended"));
    }

    @Test
    void reservationsCountAsFailuresWhileInFlight() {
        Optional<FailureThrottle.Reservation> a = throttle.reserve("k", 2);
        Optional<FailureThrottle.Reservation> b = throttle.reserve("k", 2);
        Optional<FailureThrottle.Reservation> c = throttle.reserve("k", 2);
        a.orElseThrow().release();
        Optional<FailureThrottle.Reservation> d = throttle.reserve("k", 2);
        b.orElseThrow().failed();
        d.orElseThrow().failed();
        assertAll(
                () -> assertTrue(c.isEmpty(), "two in flight of two free"),
                () -> assertTrue(d.isPresent(), "a released reservation frees its place"),
                () -> assertEquals(Optional.of(FIRST), throttle.lockedFor("k")),
                () -> assertTrue(throttle.reserve("k", 2).isEmpty(), "locked"));
    }

    @Test
    void aReservationNeverEndedCountsForNothingAfterItsTime() {
        Optional<FailureThrottle.Reservation> lost = throttle.reserve("k", 1); // its node died: never ended
        Optional<FailureThrottle.Reservation> meanwhile = throttle.reserve("k", 1);
        clock.advance(FailureThrottle.IN_FLIGHT_FOR);
        assertAll(
                () -> assertTrue(lost.isPresent()),
                () -> assertTrue(meanwhile.isEmpty(), "the only free attempt is in flight"),
                () -> assertTrue(throttle.reserve("k", 1).isPresent(), "the lost reservation has lapsed"));
    }

    @Test
    void aStoreSeesEveryChangeAndKeepsNothingForAnAttemptThatCountedForNothing() {
        InMemoryThrottleStore store = new InMemoryThrottleStore(clock, WINDOW.plus(MAX), 100);
        FailureThrottle one = new FailureThrottle(clock, WINDOW, FIRST, MAX, store);
        FailureThrottle other = new FailureThrottle(clock, WINDOW, FIRST, MAX, store);
        one.reserve("released", 3).orElseThrow().release();
        one.failed("k", 2);
        other.failed("k", 2);
        assertAll(
                () -> assertEquals(Optional.empty(), store.find("released")),
                () -> assertEquals(Optional.of(FIRST), one.lockedFor("k"), "two throttles over one store count together"));
    }

    @Test
    void memoryStaysBoundedUnderRandomKeys() {
        FailureThrottle small = new FailureThrottle(clock, WINDOW, FIRST, MAX, 100);
        for (int i = 0; i < 10_000; i++) {
            small.failed("random-" + i, 1);
        }
        long locked = java.util.stream.IntStream.range(0, 10_000)
                .filter(i -> small.lockedFor("random-" + i).isPresent()).count();
        assertTrue(locked <= 150, "at most about maximumKeys keys are kept, got " + locked);
    }

    @Test
    void settingsAreChecked() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new FailureThrottle(clock, Duration.ZERO, FIRST, MAX, 10)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new FailureThrottle(clock, WINDOW, FIRST, MAX, 0)));
    }
}
