package org.portico.web.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portico.web.cluster.ChangeMarkers;
import org.portico.web.cluster.Topics;


/**
 * The SQL behind revocations and replay marks (tables of {@code V13}): plain JDBC, each statement on its own outside
 * any JTA transaction (auto-commit), so a duplicate key is an answer ("seen before") and not a broken transaction.
 * The database decides, so every node gets the same answer and a restart forgets nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class TokenStateStore {

    /** Longest id stored as it is; longer ones are stored as their SHA-256 (the column holds 400). */
    static final int MAX_ID = 200;

    /** SQLSTATE of a unique violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String REVOKE = "MERGE INTO portico_token_revocation r"
            + " USING (VALUES (CAST(? AS VARCHAR(400)), CAST(? AS TIMESTAMP WITH TIME ZONE))) AS s (id, revoked_until)"
            + " ON (r.id = s.id)"
            + " WHEN MATCHED AND r.revoked_until < s.revoked_until THEN UPDATE SET revoked_until = s.revoked_until"
            + " WHEN NOT MATCHED THEN INSERT (id, revoked_until) VALUES (s.id, s.revoked_until)";

    @Resource(lookup = "java:jboss/datasources/PorticoDS")
    DataSource dataSource;

    @Inject
    ChangeMarkers markers;

    /**
     * Records a revocation until {@code until}, or extends a shorter one, then bumps the {@link Topics#REVOCATIONS}
     * marker: every node forgets its cached "not revoked" answers within a second (after the revocation is stored,
     * so a node that reads again sees it).
     */
    public void revoke(String id, Instant until) {
        String key = key(id);
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement merge = connection.prepareStatement(REVOKE)) {
                merge.setString(1, key);
                merge.setObject(2, utc(until));
                merge.executeUpdate();
                break;
            } catch (SQLException e) {
                // Two nodes inserting the same new row at once: one wins, the other merges again and updates.
                if (attempt >= 2 || !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new IllegalStateException("Could not store a revocation: " + e.getMessage(), e);
                }
            }
        }
        markers.bumpCommitted(Topics.REVOCATIONS);
    }

    /** Until when {@code id} is revoked, if it is revoked after {@code now}. */
    public Optional<Instant> revokedUntil(String id, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT revoked_until FROM portico_token_revocation WHERE id = ? AND revoked_until > ?")) {
            select.setString(1, key(id));
            select.setObject(2, utc(now));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the revocations: " + e.getMessage(), e);
        }
    }

    /**
     * Records the first use of {@code id}: one {@code INSERT} that wins on the primary key.
     *
     * @return true if this call recorded it, false if it was recorded before (on any node): a replay
     */
    public boolean markFirstUse(String id, Instant rememberUntil) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO portico_token_replay (id, expires_at) VALUES (?, ?)")) {
            insert.setString(1, key(id));
            insert.setObject(2, utc(rememberUntil));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("Could not record a single-use token id: " + e.getMessage(), e);
        }
    }

    /** Deletes up to {@code limit} revocations that ended before {@code cutoff}; returns how many went. */
    public int pruneRevocations(Instant cutoff, int limit) {
        return deleteOldest("portico_token_revocation", "revoked_until", cutoff, limit);
    }

    /** Deletes up to {@code limit} replay marks that expired before {@code cutoff}; returns how many went. */
    public int pruneReplayMarks(Instant cutoff, int limit) {
        return deleteOldest("portico_token_replay", "expires_at", cutoff, limit);
    }

    private int deleteOldest(String table, String column, Instant cutoff, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id IN (SELECT id"
                     + " FROM " + table + " WHERE " + column + " < ? ORDER BY " + column + " FETCH FIRST ? ROWS ONLY)")) {
            delete.setObject(1, utc(cutoff));
            delete.setInt(2, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prune " + table + ": " + e.getMessage(), e);
        }
    }

    /** The stored form of an id: itself, or its SHA-256 when it is longer than {@link #MAX_ID}. */
    static String key(String id) {
        if (id.length() <= MAX_ID) {
            return id;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
