package org.portico.web.proxy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.web.proxy.ProxySessions.Hop;
import org.portico.web.proxy.ProxySessions.Opened;
import org.portico.web.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hop tickets and proxy sessions against the real schema (Flyway's migrations on an H2 database in memory, the
 * server's H2 version) with a clock the test moves: a ticket works once, only for its app and only for 60 s; a
 * session ends at its lifetime or when its user logs out; the retention job's pruning.
 */
class ProxySessionsTest {

    private final MutableClock clock = MutableClock.startingAt("2026-12-07T12:00:00Z");
    private ProxySessions sessions;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:proxy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement insert = connection.createStatement()) {
            for (String app : List.of("billing", "crm")) {
                insert.executeUpdate("INSERT INTO portico_app (id, name, audience, token_lifetime_seconds, client_auth,"
                        + " client_secret_hash, allow_internal_jwks_host, trusted_for_sign_on, enabled, created_at,"
                        + " updated_at, version) VALUES ('" + app + "', 'App', 'urn:" + app + "', 300, 'client_secret',"
                        + " 'hash', FALSE, FALSE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");
            }
        }
        sessions = new ProxySessions();
        sessions.dataSource = dataSource;
        sessions.clock = clock;
        sessions.settings = new ProxySettings() {
            @Override
            public Duration sessionLifetime() {
                return Duration.ofHours(8);
            }
        };
    }

    @Test
    void aTicketWorksOnceForItsAppWithinAMinute() {
        String ticket = sessions.issueTicket("alice", "sid-1", "billing", "invoices?id=42");

        Optional<Hop> otherApp = sessions.redeem(ticket, "crm");
        Optional<Hop> first = sessions.redeem(ticket, "billing");
        Optional<Hop> again = sessions.redeem(ticket, "billing");

        assertAll(
                () -> assertEquals(Optional.empty(), otherApp, "another app's hop does not use it up"),
                () -> assertEquals(Optional.of(new Hop("alice", "billing", "sid-1", "invoices?id=42")), first),
                () -> assertEquals(Optional.empty(), again));
    }

    @Test
    void aTicketExpiresAfterSixtySeconds() {
        String early = sessions.issueTicket("alice", "sid-1", "billing", "");
        String late = sessions.issueTicket("alice", "sid-1", "billing", "");

        clock.advance(Duration.ofSeconds(59));
        Optional<Hop> justInTime = sessions.redeem(early, "billing");
        clock.advance(Duration.ofSeconds(1));
        Optional<Hop> tooLate = sessions.redeem(late, "billing");

        assertAll(
                () -> assertTrue(justInTime.isPresent()),
                () -> assertEquals(Optional.empty(), tooLate));
    }

    @Test
    void ofRequestsRedeemingOneTicketAtOnceExactlyOneWins() throws Exception {
        String ticket = sessions.issueTicket("alice", "sid-1", "billing", "");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<Hop>>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tries.add(() -> sessions.redeem(ticket, "billing"));
            }
            long won = 0;
            for (Future<Optional<Hop>> result : pool.invokeAll(tries)) {
                won += result.get().isPresent() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aSessionLastsItsLifetimeForItsAppOnlyAndEndsWithLogout() {
        Opened alice = sessions.open(new Hop("alice", "billing", "sid-1", ""));
        Opened bob = sessions.open(new Hop("bob", "billing", "sid-2", ""));

        boolean forCrm = sessions.find(alice.cookieValue(), "crm").isPresent();
        boolean found = sessions.find(alice.cookieValue(), "billing").isPresent();
        boolean guessed = sessions.find("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "billing").isPresent();
        int ended = sessions.revokeUser("alice");
        boolean afterLogout = sessions.find(alice.cookieValue(), "billing").isPresent();
        boolean bobStays = sessions.find(bob.cookieValue(), "billing").isPresent();
        clock.advance(Duration.ofHours(8));
        boolean bobAfterLifetime = sessions.find(bob.cookieValue(), "billing").isPresent();

        assertAll(
                () -> assertEquals(Duration.ofHours(8), alice.maxAge()),
                () -> assertFalse(forCrm, "a session is for one app"),
                () -> assertTrue(found),
                () -> assertFalse(guessed),
                () -> assertEquals(1, ended),
                () -> assertFalse(afterLogout, "logout ends it at once on this node"),
                () -> assertTrue(bobStays),
                () -> assertFalse(bobAfterLifetime, "a session ends at its lifetime"));
    }

    @Test
    void theRetentionJobDeletesEndedTicketsAndSessionsInBatches() {
        for (int i = 0; i < 3; i++) {
            sessions.issueTicket("alice", "sid-1", "billing", "");
            sessions.open(new Hop("alice", "billing", "sid-1", ""));
        }
        Instant before = clock.instant();

        int nothingYet = sessions.pruneTickets(before, 10) + sessions.pruneSessions(before, 10);
        clock.advance(Duration.ofHours(9));
        int firstBatch = sessions.pruneTickets(clock.instant(), 2);
        int rest = sessions.pruneTickets(clock.instant(), 2);
        int ended = sessions.pruneSessions(clock.instant(), 10);

        assertAll(
                () -> assertEquals(0, nothingYet),
                () -> assertEquals(2, firstBatch),
                () -> assertEquals(1, rest),
                () -> assertEquals(3, ended));
    }
}
