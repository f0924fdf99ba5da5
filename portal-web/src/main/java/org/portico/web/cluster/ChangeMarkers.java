package org.portico.web.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The change markers in the database ({@code portico_change_marker}): one version per topic, bumped by every change
 * of cached data in the transaction of that change, and read by every node's {@link ChangePoller}.
 *
 * <p>Why in the transaction of the change: the marker moves exactly when the change is committed, so a node that sees
 * the new version and reads again sees the change (never the old data with a new version), and a rolled-back change
 * bumps nothing. A bump locks its topic's row until the commit, which serialises concurrent changes of one topic;
 * they are admin changes and logouts, a few a second at most.
 *
 * <p>Thread-safe (stateless).
 */
@ApplicationScoped
public class ChangeMarkers {

    private static final String BUMP =
            "UPDATE portico_change_marker SET version = version + 1, changed_at = CURRENT_TIMESTAMP WHERE topic = ?";
    private static final String INSERT =
            "INSERT INTO portico_change_marker (topic, version, changed_at) VALUES (?, 1, CURRENT_TIMESTAMP)";

    private static final String SEED =
            "INSERT INTO portico_change_marker (topic, version, changed_at) VALUES (?, 0, CURRENT_TIMESTAMP)";
    /** SQLSTATE of a unique violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Resource(lookup = "java:jboss/datasources/PorticoDS")
    DataSource dataSource;

    /**
     * Bumps the topic's version in the caller's transaction (or in one of its own when there is none).
     *
     * @throws IllegalArgumentException for a topic that is not {@link Topics#isValid valid}
     * @throws IllegalStateException    when the database cannot be written (the caller's change fails with it)
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void bump(String topic) {
        if (!Topics.isValid(topic)) {
            throw new IllegalArgumentException("A topic is 1-64 lower-case letters, digits and dashes, got '"
                    + topic + "'");
        }
        try (Connection connection = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement bump = connection.prepareStatement(BUMP)) {
                bump.setString(1, topic);
                updated = bump.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setString(1, topic);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not bump the change marker '" + topic + "': " + e.getMessage(), e);
        }
    }

    /**
     * Bumps the topic in a transaction of its own, committed when this returns: for changes that were committed
     * already (a key rotation stores its keys in transactions of their own; a revocation is auto-committed).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void bumpCommitted(String topic) {
        bump(topic); // a self-call: runs in this method's new transaction
    }

    /**
     * Inserts the rows of the topics that have none yet, each on its own (a node starting at the same moment may insert
     * it first: then it is there). Called at start-up, so a bump, which runs in the transaction of a change, never has
     * to insert a row another node might insert at the same moment.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void ensure(Collection<String> topics) {
        Map<String, Long> present = versions();
        for (String topic : topics) {
            if (!present.containsKey(topic)) {
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement insert = connection.prepareStatement(SEED)) {
                    insert.setString(1, topic);
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw new IllegalStateException("Could not add the change marker '" + topic + "': "
                                + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /** Every topic's version now: one small {@code SELECT}. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Map<String, Long> versions() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT topic, version FROM portico_change_marker");
             ResultSet rows = select.executeQuery()) {
            Map<String, Long> versions = new HashMap<>();
            while (rows.next()) {
                versions.put(rows.getString(1), rows.getLong(2));
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the change markers: " + e.getMessage(), e);
        }
    }
}
