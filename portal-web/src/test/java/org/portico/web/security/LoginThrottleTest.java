package org.portico.web.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.web.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

    /**
     * Issue 8: the login form checked the lock, hashed, and only then recorded the failure, so 30 concurrent wrong
     * passwords for one user all passed the check before the first failure was recorded. Each of 30 threads here
     * holds its attempt (as if hashing) until all 30 have asked: only the free attempts may get through.
     */
    @Test
    void thirtyConcurrentWrongPasswordsLetOnlyTheFreeAttemptsThrough() throws Exception {
        int threads = 30;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch allAsked = new CountDownLatch(threads);
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Void> login = () -> {
                    start.await();
                    LoginThrottle.Attempt attempt = throttle.tryAttempt("alice", HOME);
                    allAsked.countDown();
                    if (attempt instanceof LoginThrottle.Permit permit) {
                        checked.incrementAndGet();
                        allAsked.await(10, TimeUnit.SECONDS); // the "password check" overlaps every other attempt
                        permit.failed();
                    } else {
                        refused.incrementAndGet();
                    }
                    return null;
                };
                done.add(pool.submit(login));
            }
            start.countDown();
            for (Future<Void> f : done) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertAll(
                () -> assertEquals(LoginThrottle.USER_FREE_ATTEMPTS, checked.get(), "attempts that reached the check"),
                () -> assertEquals(threads - LoginThrottle.USER_FREE_ATTEMPTS, refused.get()),
                () -> assertEquals(Optional.of(LoginThrottle.FIRST_LOCK), throttle.lockedFor("alice", HOME),
                        "the five failures lock the username"));
    }

    @Test
    void anAttemptInFlightHoldsItsPlaceUntilItEnds() {
        List<LoginThrottle.Permit> permits = new ArrayList<>();
        for (int i = 0; i < LoginThrottle.USER_FREE_ATTEMPTS; i++) {
            permits.add(assertInstanceOf(LoginThrottle.Permit.class, throttle.tryAttempt("alice", HOME)));
        }
        LoginThrottle.Attempt sixth = throttle.tryAttempt("alice", OFFICE);
        permits.get(0).release(); // e.g. the password check was never made
        LoginThrottle.Attempt afterRelease = throttle.tryAttempt("alice", OFFICE);

        assertAll(
                () -> assertEquals(new LoginThrottle.Refused(LoginThrottle.FIRST_LOCK), sixth,
                        "five in flight: the sixth waits, without a lock yet"),
                () -> assertEquals(Optional.empty(), throttle.lockedFor("alice", HOME)),
                () -> assertInstanceOf(LoginThrottle.Permit.class, afterRelease));
    }

    @Test
    void aSuccessfulAttemptClearsTheUsernameAndEndingTwiceCountsOnce() {
        fail(LoginThrottle.USER_FREE_ATTEMPTS - 1, "alice", HOME);
        LoginThrottle.Permit permit = assertInstanceOf(LoginThrottle.Permit.class, throttle.tryAttempt("alice", HOME));
        permit.succeeded();
        permit.failed(); // ignored: the attempt already ended
        permit.release();
        fail(LoginThrottle.USER_FREE_ATTEMPTS - 1, "alice", HOME);

        assertEquals(Optional.empty(), throttle.lockedFor("alice", HOME));
    }

    @Test
    void aLockedUsernameGetsNoPermit() {
        fail(LoginThrottle.USER_FREE_ATTEMPTS, "alice", HOME);
        clock.advance(Duration.ofSeconds(10));

        assertEquals(new LoginThrottle.Refused(LoginThrottle.FIRST_LOCK.minusSeconds(10)),
                throttle.tryAttempt("alice", OFFICE));
    }
}
