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

    private static final String HOME = "192.0.2.1";
    private static final String OFFICE = "198.51.100.7";

    private MutableClock clock;
    private LoginThrottle throttle;

    @BeforeEach
    void setUp() {
        clock = MutableClock.startingAt("2026-11-28T10:00:00Z");
        throttle = new LoginThrottle(clock);
    }

    private void fail(int times, String username, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(username, address);
        }
    }

    @Test
    void allowsTheFreeAttemptsThenLocksTheUsername() {
        fail(LoginThrottle.USER_FREE_ATTEMPTS - 1, "alice", HOME);
        assertEquals(Optional.empty(), throttle.lockedFor("alice", HOME));

        throttle.failed("alice", HOME);
        assertAll(
                () -> assertEquals(Optional.of(LoginThrottle.FIRST_LOCK), throttle.lockedFor("alice", HOME)),
                () -> assertEquals(Optional.of(LoginThrottle.FIRST_LOCK), throttle.lockedFor("alice", OFFICE),
                        "the username is locked from every address"),
                () -> assertEquals(Optional.empty(), throttle.lockedFor("bob", HOME),
                        "other users behind the same address are not locked out"));
    }

    @Test
    void lockExpiresWithTime() {
        fail(LoginThrottle.USER_FREE_ATTEMPTS, "alice", HOME);
        clock.advance(LoginThrottle.FIRST_LOCK.minusSeconds(1));
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.lockedFor("alice", HOME));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.lockedFor("alice", HOME));
    }

    @Test
    void everyFurtherFailureDoublesTheLockUpToTheMaximum() {
        fail(LoginThrottle.USER_FREE_ATTEMPTS + 1, "alice", HOME);
        assertEquals(Optional.of(LoginThrottle.FIRST_LOCK.multipliedBy(2)), throttle.lockedFor("alice", HOME));

        fail(20, "alice", HOME);
        assertEquals(Optional.of(LoginThrottle.MAX_LOCK), throttle.lockedFor("alice", HOME));
    }

    @Test
    void failuresOutsideTheWindowStartAfresh() {
        fail(LoginThrottle.USER_FREE_ATTEMPTS - 1, "alice", HOME);
        clock.advance(LoginThrottle.WINDOW.plusSeconds(1));

        throttle.failed("alice", HOME);
        assertEquals(Optional.empty(), throttle.lockedFor("alice", HOME));
    }

    @Test
    void anAddressGuessingManyUsernamesIsLocked() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FREE_ATTEMPTS; i++) {
            throttle.failed("user" + i, HOME);
        }
        assertAll(
                () -> assertTrue(throttle.lockedFor("somebody-new", HOME).isPresent()),
                () -> assertEquals(Optional.empty(), throttle.lockedFor("somebody-new", OFFICE)));
    }

    @Test
    void successClearsTheUsernameButNotTheAddress() {
        fail(LoginThrottle.USER_FREE_ATTEMPTS - 1, "alice", HOME);
        throttle.succeeded("alice");
        throttle.failed("alice", HOME);

        assertEquals(Optional.empty(), throttle.lockedFor("alice", HOME));
    }
}
