package org.portico.web.security;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.deeplink.throttle.FailureThrottle;
import org.portico.web.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The login throttle of two nodes over one database (Flyway's migrations on an H2 database in memory, the server's
 * H2 version): each "node" is a {@link LoginThrottle} with a {@link DatabaseThrottleStore} of its own, as two
 * WildFlys would have, and the clock is moved by the test instead of waiting.
 */
class DatabaseThrottleStoreTest {

    private final MutableClock clock = MutableClock.startingAt("2026-12-07T12:00:00Z");
    private JdbcDataSource dataSource;
    private LoginThrottle nodeA;
    private LoginThrottle nodeB;
    private ExecutorService threads;

    @BeforeEach
    void database() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:throttle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        nodeA = new LoginThrottle(clock, new DatabaseThrottleStore("login", dataSource, clock));
        nodeB = new LoginThrottle(clock, new DatabaseThrottleStore("login", dataSource, clock));
        threads = Executors.newFixedThreadPool(20);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void ofTwentyConcurrentAttemptsOnTwoNodesOnlyTheFreeOnesReachThePasswordCheck() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LoginThrottle.Attempt>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            LoginThrottle node = i % 2 == 0 ? nodeA : nodeB;
            String address = "10.0.0." + i;
            Callable<LoginThrottle.Attempt> attempt = () -> {
                start.await();
                return node.tryAttempt("alice", address);
            };
            attempts.add(threads.submit(attempt));
        }
        start.countDown();
        List<LoginThrottle.Permit> permits = new ArrayList<>();
        for (Future<LoginThrottle.Attempt> attempt : attempts) {
            if (attempt.get() instanceof LoginThrottle.Permit permit) {
                permits.add(permit);
            }
        }
        int granted = permits.size();
        permits.forEach(LoginThrottle.Permit::failed);
        clock.advance(DatabaseThrottleStore.CACHED_FOR); // lockedFor may answer from a cache that old

        assertAll(
                () -> assertEquals(LoginThrottle.USER_FREE_ATTEMPTS, granted,
                        "the free attempts of the username, shared by both nodes"),
                () -> assertEquals(Optional.of(LoginThrottle.FIRST_LOCK.minus(DatabaseThrottleStore.CACHED_FOR)),
                        nodeA.lockedFor("alice", "10.9.9.9")),
                () -> assertInstanceOf(LoginThrottle.Refused.class, nodeB.tryAttempt("alice", "10.9.9.9"),
                        "locked on the other node too"));
    }

    @Test
    void failuresOnOneNodeLockTheUserOnTheOther() {
        for (int i = 0; i < LoginThrottle.USER_FREE_ATTEMPTS; i++) {
            ((LoginThrottle.Permit) nodeA.tryAttempt("bob", "192.0.2.1")).failed();
        }
        clock.advance(DatabaseThrottleStore.CACHED_FOR); // what node B may have cached before is stale now

        assertAll(
                () -> assertEquals(Optional.of(LoginThrottle.FIRST_LOCK.minus(DatabaseThrottleStore.CACHED_FOR)),
                        nodeB.lockedFor("bob", "192.0.2.99")),
                () -> assertInstanceOf(LoginThrottle.Refused.class, nodeB.tryAttempt("bob", "192.0.2.99")));
    }

    @Test
    void aSuccessOnOneNodeClearsTheCountOnBoth() {
        for (int i = 0; i < LoginThrottle.USER_FREE_ATTEMPTS - 1; i++) {
            ((LoginThrottle.Permit) nodeA.tryAttempt("carol", "192.0.2.1")).failed();
        }
        ((LoginThrottle.Permit) nodeB.tryAttempt("carol", "192.0.2.2")).succeeded();
        for (int i = 0; i < LoginThrottle.USER_FREE_ATTEMPTS - 1; i++) {
            ((LoginThrottle.Permit) nodeA.tryAttempt("carol", "192.0.2.1")).failed();
        }

        assertInstanceOf(LoginThrottle.Permit.class, nodeB.tryAttempt("carol", "192.0.2.2"),
                "four failures after the success: one attempt is still free");
    }

    @Test
    void aReservationOfANodeThatDiedCountsForNothingAfterAMinute() {
        for (int i = 0; i < LoginThrottle.USER_FREE_ATTEMPTS; i++) {
            assertInstanceOf(LoginThrottle.Permit.class, nodeA.tryAttempt("dave", "192.0.2.1")); // never ended
        }
        LoginThrottle.Attempt whileInFlight = nodeB.tryAttempt("dave", "192.0.2.2");
        clock.advance(FailureThrottle.IN_FLIGHT_FOR);

        assertAll(
                () -> assertInstanceOf(LoginThrottle.Refused.class, whileInFlight),
                () -> assertInstanceOf(LoginThrottle.Permit.class, nodeB.tryAttempt("dave", "192.0.2.2")));
    }

    @Test
    void keysAreStoredHashedAndExpiredRowsArePruned() throws Exception {
        String typed = "mallory'; DROP TABLE portico_throttle; --" + "x".repeat(5000);
        ((LoginThrottle.Permit) nodeA.tryAttempt(typed, "192.0.2.1")).failed();
        long rowsAfterFailure = rows();
        boolean stoodAsTyped = rowExists(typed);
        clock.advance(LoginThrottle.WINDOW.plus(DatabaseThrottleStore.PRUNE_EVERY).plusSeconds(1));
        ((LoginThrottle.Permit) nodeA.tryAttempt("erin", "192.0.2.3")).release(); // an update prunes when due

        assertAll(
                () -> assertEquals(2, rowsAfterFailure, "one row for the username, one for the address"),
                () -> assertFalse(stoodAsTyped),
                () -> assertEquals(0, rows(), "both expired; erin's released attempt left nothing"));
    }

    @Test
    void aFullTableStoresNoNewKeyAndLocksNoOneOut() throws Exception {
        LoginThrottle small = new LoginThrottle(clock, new DatabaseThrottleStore("login", dataSource, clock, 4));
        for (int i = 0; i < 10; i++) {
            LoginThrottle.Attempt attempt = small.tryAttempt("random-" + i, "192.0.2.1");
            ((LoginThrottle.Permit) attempt).failed();
        }
        long kept = rows();

        assertAll(
                () -> assertTrue(kept <= 4 + 1, "at most the bound (and the row being written), got " + kept),
                () -> assertInstanceOf(LoginThrottle.Permit.class, small.tryAttempt("frank", "192.0.2.2")));
    }

    private long rows() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT COUNT(*) FROM portico_throttle")) {
            row.next();
            return row.getLong(1);
        }
    }

    private boolean rowExists(String key) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT key_hash FROM portico_throttle")) {
            while (row.next()) {
                if (row.getString(1).contains(key.substring(0, 10))) {
                    return true;
                }
            }
            return false;
        }
    }
}
