package org.portico.web.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.deeplink.token.ReplayGuard;
import org.portico.deeplink.token.RevocationList;
import org.portico.web.retention.Retention;
import org.portico.web.testing.MutableClock;
import org.portico.web.token.DatabaseReplayGuard;
import org.portico.web.token.DatabaseRevocationList;
import org.portico.web.token.TokenStateStore;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.unique;

/**
 * Issue 8, "state that must survive a restart": revocations and replay marks live in the database. A real restart
 * inside an IT is not practical, so each test proves it the way a restart or a second node would see it: a
 * <em>fresh</em> instance (empty cache, as after a restart or on another node) reading the same database. Time is a
 * {@link MutableClock}; nothing sleeps. Tagged {@code database}.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class TokenStateIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClasses(TokenStateIT.class, ItSupport.class, MutableClock.class);
    }

    @Inject
    TokenStateStore store;

    /** The one Portico uses: produced by TokensProducer (logout revokes through it). */
    @Inject
    RevocationList revocations;

    @Inject
    ReplayGuard replayGuard;

    @Inject
    Retention retention;

    private static MutableClock clock() {
        return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aLogoutThroughPorticosRevocationListIsSeenByAFreshInstance() {
        String sid = unique("sid");
        String jti = unique("jti");
        Instant until = Instant.now().plus(Duration.ofMinutes(10));

        revocations.revokeSession(sid, until);
        revocations.revokeToken(jti, until);
        RevocationList afterRestart = new DatabaseRevocationList(store, Clock.systemUTC());

        assertAll(
                () -> assertTrue(afterRestart.isRevoked(sid, null), "the session stays revoked"),
                () -> assertTrue(afterRestart.isRevoked(null, jti), "the token stays revoked"),
                () -> assertTrue(afterRestart.isRevoked(unique("other"), jti)),
                () -> assertFalse(afterRestart.isRevoked(unique("other"), unique("other"))),
                () -> assertFalse(afterRestart.isRevoked(null, null)));
    }

    @Test
    void anotherNodeSeesARevocationWithinTheNegativeCacheWindowAndItEndsWithItsTime() {
        MutableClock clock = clock();
        RevocationList here = new DatabaseRevocationList(store, clock);
        RevocationList otherNode = new DatabaseRevocationList(store, clock);
        String sid = unique("sid");
        assertFalse(otherNode.isRevoked(sid, null), "not revoked yet: cached as such for a moment");

        here.revokeSession(sid, clock.instant().plus(Duration.ofMinutes(5)));

        boolean seenAtOnceHere = here.isRevoked(sid, null);
        boolean seenAtOnceThere = otherNode.isRevoked(sid, null);
        clock.advance(DatabaseRevocationList.NOT_REVOKED_FOR);
        boolean seenAfterTheWindow = otherNode.isRevoked(sid, null);
        clock.advance(Duration.ofMinutes(5));
        boolean seenAfterItEnded = otherNode.isRevoked(sid, null);
        boolean freshAfterItEnded = new DatabaseRevocationList(store, clock).isRevoked(sid, null);

        assertAll(
                () -> assertTrue(seenAtOnceHere, "the node that revoked sees it at once"),
                () -> assertFalse(seenAtOnceThere, "another node may answer from its short negative cache"),
                () -> assertTrue(seenAfterTheWindow, "but no longer than " + DatabaseRevocationList.NOT_REVOKED_FOR),
                () -> assertFalse(seenAfterItEnded, "a revocation ends when every token it covers has expired"),
                () -> assertFalse(freshAfterItEnded));
    }

    @Test
    void aSingleUseIdIsFirstUsedOnceAcrossFreshInstancesAndConcurrentCallers() throws Exception {
        String id = "actor:" + unique("jti");
        Instant until = Instant.now().plus(Duration.ofMinutes(5));

        boolean first = replayGuard.firstUse(id, until);
        boolean afterRestart = new DatabaseReplayGuard(store, Clock.systemUTC()).firstUse(id, until);

        String raced = "client_assertion:it:" + unique("jti");
        int callers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return new DatabaseReplayGuard(store, Clock.systemUTC()).firstUse(raced, until); // one "node" each
            }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> answer : answers) {
            winners += answer.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        int firstUses = winners;
        String longId = "client_assertion:it:" + "j".repeat(1000) + unique("long");

        assertAll(
                () -> assertTrue(first),
                () -> assertFalse(afterRestart, "a replay after a restart or on another node is refused"),
                () -> assertFalse(replayGuard.firstUse(id, until), "and on this node"),
                () -> assertEquals(1, firstUses, "exactly one of " + callers + " concurrent first uses wins"),
                () -> assertTrue(replayGuard.firstUse(longId, until), "an id longer than the column is stored hashed"),
                () -> assertFalse(new DatabaseReplayGuard(store, Clock.systemUTC()).firstUse(longId, until)));
    }

    @Test
    void expiredRevocationsAndReplayMarksArePrunedWhenTheirTimeIsOver() {
        MutableClock clock = clock();
        String sid = unique("sid");
        String mark = "actor:" + unique("jti");
        Instant until = clock.instant().plus(Duration.ofMinutes(5));
        new DatabaseRevocationList(store, clock).revokeSession(sid, until);
        new DatabaseReplayGuard(store, clock).firstUse(mark, until);

        retention.prune(clock);
        boolean revokedBeforeItsEnd = new DatabaseRevocationList(store, clock).isRevoked(sid, null);
        boolean replayBeforeItsEnd = !new DatabaseReplayGuard(store, clock).firstUse(mark, until);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        var pruned = retention.prune(clock);
        boolean markGone = new DatabaseReplayGuard(store, clock).firstUse(mark, until.plus(Duration.ofMinutes(5)));

        assertAll(
                () -> assertTrue(revokedBeforeItsEnd, "kept while a token it covers may be alive"),
                () -> assertTrue(replayBeforeItsEnd),
                () -> assertTrue(pruned.get("revocations") >= 1, pruned.toString()),
                () -> assertTrue(pruned.get("replay marks") >= 1, pruned.toString()),
                () -> assertTrue(store.revokedUntil("sid:" + sid, Instant.EPOCH).isEmpty(), "the row is gone"),
                () -> assertTrue(markGone, "the expired mark's row is gone (its token could not be accepted anyway)"));
    }
}
