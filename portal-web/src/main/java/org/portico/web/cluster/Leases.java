package org.portico.web.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Job leases in the database ({@code portico_job_lease}): a scheduled job that must run once per cluster (a purge,
 * the key rotation check) runs on the node that holds its lease.
 *
 * <p>{@link #tryHold} is one conditional {@code UPDATE} that takes a lease that has ended, or renews this node's own;
 * the database row lock makes it atomic across nodes, so of two nodes asking at once exactly one gets the lease.
 * A missing row is inserted; of two nodes inserting at once, the primary key lets one win. A holder that dies simply
 * stops renewing: its lease ends and another node takes it at its next try.
 *
 * <p>Times come from the injected {@link Clock} of each node: nodes' clocks must agree to well within a lease (NTP).
 * Auto-committed statements, outside any caller's transaction: a lease is taken before the job's work, not with it.
 * Thread-safe.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class.getName());

    /** SQLSTATE of a unique violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String TAKE = "UPDATE portico_job_lease SET holder = ?, held_until = ?"
            + " WHERE name = ? AND (holder = ? OR held_until <= ?)";
    private static final String INSERT = "INSERT INTO portico_job_lease (name, holder, held_until) VALUES (?, ?, ?)";
    private static final String RELEASE = "UPDATE portico_job_lease SET held_until = ? WHERE name = ? AND holder = ?";

    @Resource(lookup = "java:jboss/datasources/PorticoDS")
    DataSource dataSource;

    @Inject
    NodeId node;

    @Inject
    Clock clock;

    /**
     * Takes or renews the lease {@code name} for this node until {@code now + ttl}.
     *
     * @return whether this node holds the lease now; false when another node does, or the database can't be reached
     *         (the job then waits for its next period, which is safe for every job that uses a lease)
     */
    public boolean tryHold(String name, Duration ttl) {
        return tryHold(name, node.id(), ttl);
    }

    /** As {@link #tryHold(String, Duration)} for a given holder: what another node would do (for tests). */
    public boolean tryHold(String name, String holder, Duration ttl) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                take.setString(1, holder);
                take.setObject(2, now.plus(ttl).atOffset(ZoneOffset.UTC));
                take.setString(3, name);
                take.setString(4, holder);
                take.setObject(5, now.atOffset(ZoneOffset.UTC));
                if (take.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, name);
                insert.setString(2, holder);
                insert.setObject(3, now.plus(ttl).atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false; // the row exists and is held by another node, or another node inserted it just now
                }
                throw e;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, e, () -> "Could not take the lease '" + name + "'; the job waits for its next turn");
            return false;
        }
    }

    /** Ends this node's lease now (when the application stops), so another node can take it at its next try. */
    public void release(String name) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement release = connection.prepareStatement(RELEASE)) {
            release.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
            release.setString(2, name);
            release.setString(3, node.id());
            release.executeUpdate();
        } catch (SQLException e) {
            LOG.log(Level.FINE, e, () -> "Could not release the lease '" + name + "'; it ends by itself");
        }
    }

    /**
     * Wraps a periodic job so it runs only on the node holding the lease {@code name}, held for {@code period} plus
     * {@code slack}: the holder renews at each of its runs and keeps the lease while it lives (the slack covers the
     * lateness of its runs); when it dies, another node takes over at most {@code period + slack} later.
     */
    public Runnable onOneNode(String name, Duration period, Duration slack, Runnable job) {
        Duration ttl = period.plus(slack);
        return () -> {
            if (tryHold(name, ttl)) {
                job.run();
            }
        };
    }
}
