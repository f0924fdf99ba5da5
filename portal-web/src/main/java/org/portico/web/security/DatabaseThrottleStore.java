package org.portico.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.portico.deeplink.throttle.ThrottleState;
import org.portico.deeplink.throttle.ThrottleStore;
import org.portico.deeplink.token.ClockTicker;

/**
 * A {@link ThrottleStore} in the database all nodes share ({@code portico_throttle}), so failed logins and client
 * authentications count on every node and a lock holds on every node.
 *
 * <p>Atomic across nodes: an {@link #update} reads the key's row with {@code SELECT … FOR UPDATE} and writes it in the
 * same local transaction, so two nodes reserving the last free attempt at once are serialised by the row lock and only
 * one gets it. A key without a row is inserted; when another node inserts it at the same moment, the primary key
 * refuses one of them, which reads the row again under its lock and applies its change to it.
 *
 * <p>Bounded, because a stranger chooses the keys (usernames, addresses): keys are stored as the SHA-256 of
 * {@code scope:key} (43 characters, whatever was typed); a row is dropped once its window, lock and reservations have
 * ended ({@code expires_at}); expired rows are deleted by whichever node next updates a row after {@link #PRUNE_EVERY}
 * (on its thread, a few milliseconds); and the table holds at most {@link #MAX_ROWS} rows: when it is full even
 * after that, a new key is not stored. That fails open for the new key only — like the in-memory store's eviction, a flood can
 * weaken the throttle for keys it has not seen, but never locks anyone out nor grows without limit.
 *
 * <p>{@link #find} (asked before every client authentication) answers from a small cache for {@link #CACHED_FOR}: a
 * lock set on another node is seen here within that time; this node's own updates are seen at once.
 *
 * <p>Each statement runs in a local JDBC transaction of its own (outside any JTA transaction of the caller): a
 * throttle decision is made before the work it guards, never rolled back with it. Thread-safe.
 */
public final class DatabaseThrottleStore implements ThrottleStore {

    /** Most rows in the table (all scopes together): about 200 bytes each, so some 40 MB at most. */
    public static final long MAX_ROWS = 200_000;
    /** How often a node looks for expired rows to delete while it adds rows. */
    public static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    /** How long {@link #find} reuses an answer. */
    public static final Duration CACHED_FOR = Duration.ofSeconds(1);
    /** How soon a full table is pruned and counted again. */
    static final Duration FULL_RECHECK = Duration.ofSeconds(1);
    /** Expired rows deleted per statement. */
    static final int PRUNE_BATCH = 1000;

    private static final Logger LOG = Logger.getLogger(DatabaseThrottleStore.class.getName());
    /** SQLSTATE of a unique violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "failures, in_flight, first_at, locked_until, in_flight_until, expires_at";

    private final String scope;
    private final long maxRows;
    private final DataSource dataSource;
    private final Clock clock;
    private final Cache<String, Optional<ThrottleState>> recent;
    private final AtomicReference<Instant> nextPrune = new AtomicReference<>(Instant.MIN);
    private final AtomicLong rows = new AtomicLong();

    /**
     * @param scope      which throttle the keys belong to ({@code login}, {@code client-auth}): the same key in two
     *                   scopes is two rows
     * @param dataSource the shared database
     * @param clock      the time source of the cache and of pruning
     */
    public DatabaseThrottleStore(String scope, DataSource dataSource, Clock clock) {
        this(scope, dataSource, clock, MAX_ROWS);
    }

    /** As above with another bound on the rows (for tests). */
    DatabaseThrottleStore(String scope, DataSource dataSource, Clock clock, long maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        this.maxRows = maxRows;
        this.scope = Objects.requireNonNull(scope, "scope");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recent = Caffeine.newBuilder().ticker(ClockTicker.of(clock)).expireAfterWrite(CACHED_FOR)
                .maximumSize(10_000).build();
    }

    @Override
    public Optional<ThrottleState> find(String key) {
        String hash = hash(key);
        return recent.get(hash, this::read);
    }

    private Optional<ThrottleState> read(String hash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM portico_throttle WHERE key_hash = ?")) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(state(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the throttle: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ThrottleState> update(String key, UnaryOperator<ThrottleState> change) {
        String hash = hash(key);
        pruneIfDue();
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<ThrottleState> kept = updateOnce(hash, change);
                recent.put(hash, kept);
                return kept;
            } catch (SQLException e) {
                // Another node inserted the same new key a moment ago: its row exists now; lock it and apply again.
                if (attempt >= 3 || !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new IllegalStateException("Could not update the throttle: " + e.getMessage(), e);
                }
            }
        }
    }

    private Optional<ThrottleState> updateOnce(String hash, UnaryOperator<ThrottleState> change) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Optional<ThrottleState> kept = updateLocked(connection, hash, change);
                connection.commit();
                return kept;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private Optional<ThrottleState> updateLocked(Connection connection, String hash, UnaryOperator<ThrottleState> change)
            throws SQLException {
        ThrottleState current = null;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM portico_throttle WHERE key_hash = ? FOR UPDATE")) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    current = state(row);
                }
            }
        }
        ThrottleState next = change.apply(current);
        if (next == null) {
            if (current != null) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM portico_throttle WHERE key_hash = ?")) {
                    delete.setString(1, hash);
                    delete.executeUpdate();
                }
            }
            return Optional.empty();
        }
        if (current != null) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE portico_throttle SET failures = ?,"
                    + " in_flight = ?, first_at = ?, locked_until = ?, in_flight_until = ?, expires_at = ?"
                    + " WHERE key_hash = ?")) {
                bind(update, next, 1);
                update.setString(7, hash);
                update.executeUpdate();
            }
            return Optional.of(next);
        }
        if (rows.get() >= maxRows) {
            LOG.warning(() -> "The throttle table holds " + maxRows + " rows: a new " + scope
                    + " key is not counted until expired rows are deleted");
            return Optional.empty();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO portico_throttle (key_hash, "
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, hash);
            bind(insert, next, 2);
            insert.executeUpdate();
        }
        rows.incrementAndGet();
        return Optional.of(next);
    }

    /**
     * Deletes expired rows and counts the rest, at most once every {@link #PRUNE_EVERY} per node (on the thread that
     * adds a row; a few milliseconds, with an index on {@code expires_at}).
     */
    private void pruneIfDue() {
        Instant now = clock.instant();
        Instant due = nextPrune.get();
        if (now.isBefore(due) || !nextPrune.compareAndSet(due, now.plus(PRUNE_EVERY))) {
            return;
        }
        try {
            int deleted;
            do {
                deleted = prune(dataSource, now, PRUNE_BATCH);
            } while (deleted == PRUNE_BATCH);
            rows.set(count());
            if (rows.get() >= maxRows) {
                nextPrune.set(now.plus(FULL_RECHECK)); // full: look again sooner, rows expire every moment
            }
        } catch (IllegalStateException e) {
            LOG.warning(() -> "Pruning the throttle table failed; trying again in " + PRUNE_EVERY + ": " + e.getMessage());
        }
    }

    /** Deletes up to {@code limit} rows that expired before {@code now}; returns how many went. */
    public static int prune(DataSource dataSource, Instant now, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM portico_throttle WHERE key_hash IN"
                     + " (SELECT key_hash FROM portico_throttle WHERE expires_at < ? ORDER BY expires_at"
                     + " FETCH FIRST ? ROWS ONLY)")) {
            delete.setObject(1, utc(now));
            delete.setInt(2, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prune the throttle table: " + e.getMessage(), e);
        }
    }

    private long count() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM portico_throttle");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the throttle rows: " + e.getMessage(), e);
        }
    }

    private static ThrottleState state(ResultSet row) throws SQLException {
        return new ThrottleState(row.getInt(1), row.getInt(2), instant(row, 3), instant(row, 4), instant(row, 5),
                instant(row, 6));
    }

    private static void bind(PreparedStatement statement, ThrottleState state, int first) throws SQLException {
        statement.setInt(first, state.failures());
        statement.setInt(first + 1, state.inFlight());
        setTime(statement, first + 2, state.firstAt());
        setTime(statement, first + 3, state.lockedUntil());
        setTime(statement, first + 4, state.inFlightUntil());
        setTime(statement, first + 5, state.expiresAt());
    }

    private static void setTime(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, utc(value));
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((scope + ':' + key).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
