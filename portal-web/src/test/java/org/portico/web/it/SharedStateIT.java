package org.portico.web.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.naming.InitialContext;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.keys.MasterSecret;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkRoutes;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.token.RevocationList;
import org.portico.web.app.AppDraft;
import org.portico.web.app.AppService;
import org.portico.web.cluster.ChangePoller;
import org.portico.web.cluster.Leases;
import org.portico.web.keys.JpaKeyRepository;
import org.portico.web.link.RouteService;
import org.portico.web.security.DatabaseThrottleStore;
import org.portico.web.security.LoginThrottle;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.unique;

/**
 * Issue 14, state across nodes, on one node: "another node" is played by writing to the shared database directly (a
 * route or an app changed and its change marker bumped in one transaction, a revocation stored, a lease held by
 * another holder)
 * or by a second instance of a service over the same database (a second {@link SigningKeys} that rotates, a second
 * login throttle). This node must see each change within a second — the change-marker poll — although its caches
 * would keep the old answers for longer. Tagged {@code database} (runs on H2 and PostgreSQL); tolerant of rows left
 * by earlier runs.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class SharedStateIT {

    /** What "within a second" allows: the poll interval, one query, and the time this test takes to look. */
    private static final Duration WITHIN = Duration.ofSeconds(1);

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClasses(SharedStateIT.class, ItSupport.class);
    }

    @Inject
    RouteService routes;

    @Inject
    LinkRoutes linkRoutes;

    @Inject
    AppService apps;

    @Inject
    AppDirectory appDirectory;

    @Inject
    SigningKeys keys;

    @Inject
    JpaKeyRepository keyRepository;

    @Inject
    RevocationList revocations;

    @Inject
    LoginThrottle loginThrottle;

    @Inject
    Leases leases;

    private DataSource dataSource;

    @BeforeEach
    void database() throws Exception {
        dataSource = (DataSource) new InitialContext().lookup("java:jboss/datasources/PorticoDS");
    }

    @Test
    void aRouteChangedOnAnotherNodeIsFollowedHereWithinASecond() throws Exception {
        String app = unique("capp");
        apps.create(new AppDraft(app, "Cluster " + app, null, "https://" + app + ".example",
                List.of("https://" + app + ".example/app/"), List.of(), null, "client_secret", null, List.of(), false,
                true));
        String name = unique("croute");
        routes.create(LinkRoute.builder(name).target(new RouteTarget.AppUrl(app, "https://" + app + ".example/app/a"))
                .build());
        Thread.sleep(ChangePoller.POLL.multipliedBy(3).toMillis()); // this node's own bump has been seen and is done
        String before = linkRoutes.find(name).orElseThrow().target().template(); // now cached here

        otherNode("UPDATE portico_link_route SET target_template = 'https://" + app + ".example/app/b',"
                + " version = version + 1 WHERE name = '" + name + "'");
        Thread.sleep(ChangePoller.POLL.multipliedBy(3).toMillis());
        String unbumped = linkRoutes.find(name).orElseThrow().target().template();
        Instant bumped = Instant.now();
        otherNode("UPDATE portico_change_marker SET version = version + 1 WHERE topic = 'routes'");
        Duration seenAfter = waitFor(() -> linkRoutes.find(name).orElseThrow().target().template().endsWith("/app/b"));

        assertAll(
                () -> assertTrue(before.endsWith("/app/a")),
                () -> assertTrue(unbumped.endsWith("/app/a"), "without a bump the route cache still answers"),
                () -> assertTrue(seenAfter.compareTo(WITHIN) <= 0, "seen after " + seenAfter + " (bumped " + bumped + ")"));
    }

    @Test
    void anAppDisabledOnAnotherNodeIsRefusedHereWithinASecond() throws Exception {
        String app = unique("capp");
        apps.create(new AppDraft(app, "Cluster " + app, null, "https://" + app + ".example",
                List.of("https://" + app + ".example/app/"), List.of(), null, "client_secret", null, List.of(), false,
                true));
        Thread.sleep(ChangePoller.POLL.multipliedBy(3).toMillis()); // this node's own bump has been seen and is done
        boolean before = appDirectory.findById(app).isPresent(); // now cached here

        otherNodeCommits("UPDATE portico_app SET enabled = FALSE, version = version + 1 WHERE id = '" + app + "'",
                "UPDATE portico_change_marker SET version = version + 1 WHERE topic = 'apps'");
        Duration seenAfter = waitFor(() -> appDirectory.findById(app).isEmpty());

        assertAll(
                () -> assertTrue(before),
                () -> assertTrue(seenAfter.compareTo(WITHIN) <= 0, "seen after " + seenAfter
                        + "; without the marker the cached registration lives 5 s"));
    }

    @Test
    void aKeyRotatedOnAnotherNodeSignsHereWithinASecondAndIsPublished() throws Exception {
        SigningKeys otherNode = SigningKeys.open(keyRepository, MasterSecret.of(
                System.getProperty("portico.keys.master-secret").toCharArray(), "portico.keys.master-secret"),
                keys.config(), Clock.systemUTC());
        String before = keys.activeKeyId();

        String rotated = otherNode.rotate();
        Duration seenAfter = waitFor(() -> keys.activeKeyId().equals(rotated));
        String signedWith = SignedJWT.parse(keys.sign(null, new JWTClaimsSet.Builder().subject("alice").build()))
                .getHeader().getKeyID();

        assertAll(
                () -> assertFalse(before.equals(rotated)),
                () -> assertTrue(seenAfter.compareTo(WITHIN) <= 0, "seen after " + seenAfter),
                () -> assertEquals(rotated, signedWith, "new tokens are signed with the other node's new key"),
                () -> assertNotNull(keys.publicJwkSet().getKeyByKeyId(rotated), "published in the JWKS"),
                () -> assertNotNull(keys.publicJwkSet().getKeyByKeyId(before), "the old key still verifies"));
    }

    @Test
    void aLogoutOnAnotherNodeRevokesHereWithinASecond() throws Exception {
        String sid = unique("sid");
        boolean revokedBefore = revocations.isRevoked(sid, null); // "not revoked" is cached here now
        Instant until = Instant.now().plus(Duration.ofHours(1));

        otherNodeRevokes("sid:" + sid, until);
        Duration seenAfter = waitFor(() -> revocations.isRevoked(sid, null));

        assertAll(
                () -> assertFalse(revokedBefore),
                () -> assertTrue(seenAfter.compareTo(WITHIN) <= 0, "seen after " + seenAfter
                        + "; without the marker the cached answer lives 2 s"));
    }

    @Test
    void ofConcurrentLoginAttemptsOnTwoNodesOnlyTheFreeOnesReachThePasswordCheck() throws Exception {
        LoginThrottle otherNode = new LoginThrottle(Clock.systemUTC(),
                new DatabaseThrottleStore("login", dataSource, Clock.systemUTC()));
        String user = unique("throttled");
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<LoginThrottle.Attempt>> attempts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                LoginThrottle node = i % 2 == 0 ? loginThrottle : otherNode;
                String address = "198.51.100." + i;
                Callable<LoginThrottle.Attempt> attempt = () -> {
                    start.await();
                    return node.tryAttempt(user, address);
                };
                attempts.add(threads.submit(attempt));
            }
            start.countDown();
            AtomicInteger permits = new AtomicInteger();
            for (Future<LoginThrottle.Attempt> attempt : attempts) {
                if (attempt.get() instanceof LoginThrottle.Permit permit) {
                    permits.incrementAndGet();
                    permit.failed();
                }
            }
            assertAll(
                    () -> assertEquals(LoginThrottle.USER_FREE_ATTEMPTS, permits.get()),
                    () -> assertTrue(otherNode.tryAttempt(user, "198.51.100.99") instanceof LoginThrottle.Refused),
                    () -> assertTrue(loginThrottle.tryAttempt(user, "198.51.100.98") instanceof LoginThrottle.Refused));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aJobWhoseLeaseAnotherNodeHoldsDoesNotRunHere() {
        String job = unique("job");
        AtomicInteger runs = new AtomicInteger();
        boolean otherTakes = leases.tryHold(job, "another-node", Duration.ofHours(1));

        leases.onOneNode(job, Duration.ofHours(1), Duration.ofSeconds(30), runs::incrementAndGet).run();

        assertAll(
                () -> assertTrue(otherTakes),
                () -> assertEquals(0, runs.get()));
    }

    /** A change another node commits: the statement in a transaction of its own. */
    private void otherNode(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    /** A change another node commits: the statements in one transaction. */
    private void otherNodeCommits(String... statements) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (String sql : statements) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.executeUpdate();
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    /** A logout on another node: the revocation and the bump of its marker, committed together. */
    private void otherNodeRevokes(String id, Instant until) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO portico_token_revocation (id, revoked_until) VALUES (?, ?)");
                 PreparedStatement bump = connection.prepareStatement(
                         "UPDATE portico_change_marker SET version = version + 1 WHERE topic = 'revocations'")) {
                insert.setString(1, id);
                insert.setObject(2, until.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
                bump.executeUpdate();
            }
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    /** How long until {@code condition} held, checked every 20 ms for at most five seconds. */
    private static Duration waitFor(BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > Duration.ofSeconds(5).toNanos()) {
                return Duration.ofSeconds(5);
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
