package org.portico.web.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.web.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Change markers and job leases of two nodes over one database (Flyway's migrations on an H2 database in memory, the
 * server's H2 version), with a clock the test moves. Each "node" has beans of its own, as two WildFlys would.
 */
class ClusterStateTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private final MutableClock clock = MutableClock.startingAt("2026-12-07T12:00:00Z");
    private JdbcDataSource dataSource;

    @BeforeEach
    void database() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    private ChangeMarkers markers() {
        ChangeMarkers markers = new ChangeMarkers();
        markers.dataSource = dataSource;
        return markers;
    }

    private Leases leases() {
        Leases leases = new Leases();
        leases.dataSource = dataSource;
        leases.node = new NodeId();
        leases.clock = clock;
        return leases;
    }

    @Test
    void aBumpOnOneNodeIsSeenByTheOthersNextPoll() {
        ChangeMarkers nodeA = markers();
        MarkerVersions seenByB = new MarkerVersions();
        seenByB.advance(markers().versions());

        nodeA.bump(Topics.ROUTES);
        nodeA.bump("a-new-topic");
        Set<String> changed = seenByB.advance(markers().versions());

        assertAll(
                () -> assertEquals(Set.of(Topics.ROUTES, "a-new-topic"), changed),
                () -> assertEquals(Set.of(), seenByB.advance(markers().versions())),
                () -> assertTrue(markers().versions().keySet().containsAll(Set.of(Topics.APPS, Topics.SIGNING_KEYS,
                        Topics.PAGES, Topics.CMS, Topics.MEDIA, Topics.REVOCATIONS, Topics.API_TOKENS)),
                        "the known topics are there from the migration on"));
    }

    @Test
    void everyKnownTopicHasItsRowAfterStartUpHoweverManyNodesStart() {
        markers().ensure(Topics.ALL);
        markers().ensure(Topics.ALL); // a second node: the rows are there, nothing fails

        Map<String, Long> versions = markers().versions();
        assertAll(
                () -> assertTrue(versions.keySet().containsAll(Topics.ALL), versions.toString()),
                () -> assertEquals(0L, versions.get(Topics.CMS_SOURCES), "a new row starts at version 0"));
    }

    @Test
    void aTopicIsAShortLowerCaseName() {
        ChangeMarkers markers = markers();
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> markers.bump("Routes; DROP TABLE x")),
                () -> assertThrows(IllegalArgumentException.class, () -> markers.bump("x".repeat(65))),
                () -> assertThrows(IllegalArgumentException.class, () -> markers.bump(null)));
    }

    @Test
    void oneNodeHoldsALeaseUntilItEndsThenAnotherTakesIt() {
        Leases nodeA = leases();
        Leases nodeB = leases();

        boolean aTakes = nodeA.tryHold("retention", HOUR);
        boolean bWhileHeld = nodeB.tryHold("retention", HOUR);
        clock.advance(Duration.ofMinutes(59));
        boolean aRenews = nodeA.tryHold("retention", HOUR);
        clock.advance(Duration.ofMinutes(59));
        boolean bAfterRenewal = nodeB.tryHold("retention", HOUR);
        clock.advance(Duration.ofMinutes(2)); // A died: its lease ends an hour after its last renewal
        boolean bAfterEnd = nodeB.tryHold("retention", HOUR);
        boolean aBack = nodeA.tryHold("retention", HOUR);

        assertAll(
                () -> assertTrue(aTakes),
                () -> assertFalse(bWhileHeld),
                () -> assertTrue(aRenews),
                () -> assertFalse(bAfterRenewal, "the renewal moved the end"),
                () -> assertTrue(bAfterEnd),
                () -> assertFalse(aBack));
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndOnlyItsHolderCanReleaseIt() {
        Leases nodeA = leases();
        Leases nodeB = leases();
        nodeA.tryHold("cms-schedule", HOUR);

        nodeB.release("cms-schedule");
        boolean bAfterItsOwnRelease = nodeB.tryHold("cms-schedule", HOUR);
        nodeA.release("cms-schedule");
        boolean bAfterHolderReleased = nodeB.tryHold("cms-schedule", HOUR);

        assertAll(
                () -> assertFalse(bAfterItsOwnRelease, "B held nothing to release"),
                () -> assertTrue(bAfterHolderReleased));
    }

    @Test
    void aJobOnALeaseRunsOnOneNodeOnly() {
        int[] runs = new int[2];
        Runnable onA = leases().onOneNode("purge", HOUR, Duration.ofSeconds(30), () -> runs[0]++);
        Runnable onB = leases().onOneNode("purge", HOUR, Duration.ofSeconds(30), () -> runs[1]++);

        for (int hour = 0; hour < 3; hour++) {
            onA.run();
            onB.run();
            clock.advance(HOUR);
        }

        assertAll(
                () -> assertEquals(3, runs[0], "A took the lease first and renews it every period"),
                () -> assertEquals(0, runs[1]));
    }

    @Test
    void ofTwoNodesAskingForANewLeaseOnlyTheFirstGetsIt() throws Exception {
        Leases nodeA = leases();
        Leases nodeB = leases();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean a = nodeA.tryHold("first-signing-key", HOUR);
            boolean b = nodeB.tryHold("first-signing-key", HOUR);
            try (ResultSet rows = statement.executeQuery(
                    "SELECT COUNT(*) FROM portico_job_lease WHERE name = 'first-signing-key'")) {
                rows.next();
                long count = rows.getLong(1);
                assertAll(
                        () -> assertTrue(a ^ b, "exactly one: " + Map.of("a", a, "b", b)),
                        () -> assertEquals(1, count));
            }
        }
    }
}
