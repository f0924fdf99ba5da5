package org.portico.web.security;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.web.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private MutableClock clock;
    private LoginThrottle throttle;

    @BeforeEach
    void setUp() {
        clock = MutableClock.startingAt("2026-11-28T10:00:00Z");
        throttle = new LoginThrottle(clock);
    }

    private void fail(int times, String... keys) {
        for (int i = 0; i < times; i++) {
            throttle.failed(keys);
        }
    }

    @Test
    void allowsTheFreeAttemptsThenLocks() {
        fail(LoginThrottle.FREE_ATTEMPTS - 1, "user:alice");
        assertEquals(Optional.empty(), throttle.lockedFor("user:alice"));

        throttle.failed("user:alice");
        assertEquals(Optional.of(LoginThrottle.FIRST_LOCK), throttle.lockedFor("user:alice"));
    }

    @Test
    void lockExpiresWithTime() {
        fail(LoginThrottle.FREE_ATTEMPTS, "user:alice");
        clock.advance(LoginThrottle.FIRST_LOCK.minusSeconds(1));
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.lockedFor("user:alice"));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.lockedFor("user:alice"));
    }

    @Test
    void everyFurtherFailureDoublesTheLockUpToTheMaximum() {
        fail(LoginThrottle.FREE_ATTEMPTS + 1, "user:alice");
        assertEquals(Optional.of(LoginThrottle.FIRST_LOCK.multipliedBy(2)), throttle.lockedFor("user:alice"));

        fail(20, "user:alice");
        assertEquals(Optional.of(LoginThrottle.MAX_LOCK), throttle.lockedFor("user:alice"));
    }

    @Test
    void failuresOutsideTheWindowStartAfresh() {
        fail(LoginThrottle.FREE_ATTEMPTS - 1, "user:alice");
        clock.advance(LoginThrottle.WINDOW.plusSeconds(1));

        throttle.failed("user:alice");
        assertEquals(Optional.empty(), throttle.lockedFor("user:alice"));
    }

    @Test
    void successClearsTheUsernameButNotTheAddress() {
        fail(LoginThrottle.FREE_ATTEMPTS - 1, "user:alice", "addr:10.0.0.1");
        throttle.succeeded("user:alice");
        throttle.failed("user:alice", "addr:10.0.0.1");

        assertAll(
                () -> assertEquals(Optional.empty(), throttle.lockedFor("user:alice")),
                () -> assertTrue(throttle.lockedFor("addr:10.0.0.1").isPresent()),
                () -> assertTrue(throttle.lockedFor("user:alice", "addr:10.0.0.1").isPresent()));
    }

    @Test
    void keysAreIndependent() {
        fail(LoginThrottle.FREE_ATTEMPTS, "user:alice");
        assertEquals(Optional.empty(), throttle.lockedFor("user:bob"));
    }
}
