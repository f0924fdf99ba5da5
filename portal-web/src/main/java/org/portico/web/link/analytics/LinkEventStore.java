package org.portico.web.link.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.portico.deeplink.link.LinkOutcome;
import org.portico.web.link.LinkResolved;

/**
 * The link events in the database ({@code V8__link_events.sql}): writes batches, reads the daily counts and the
 * events themselves. Plain JDBC: a batch is one JDBC batch insert plus one {@code MERGE} per (day, route, outcome)
 * into the daily table, in one transaction, so the counts the charts read always match the events. {@code MERGE}
 * is standard SQL that H2 2.x and PostgreSQL 15 both run.
 * <p>
 * <b>Bounded.</b> A link to a route that does not exist ({@link LinkOutcome#UNKNOWN_ROUTE}) is stored under the one
 * route name {@link #UNKNOWN_ROUTE}, so a stranger typing random names adds no route rows to the daily table; the
 * typed name is counted in {@code portico_link_unknown_name}, which holds at most {@link #UNKNOWN_NAMES_CAP} names
 * (further new names are only counted in the bucket). Old events and names go by {@link #pruneEventsBefore} and
 * {@link #pruneUnknownNamesBefore} (see {@code retention.Retention}); the daily counts stay, bounded by routes × days
 * × outcomes.
 * <p>
 * Two nodes adding to the same daily row at once can collide (a unique violation or a deadlock on PostgreSQL);
 * the batch then fails as a whole and the {@code BatchingWriter} tries it again. Rows are merged in key order to
 * make deadlocks rare.
 */
@ApplicationScoped
public class LinkEventStore {

    static final int APP_ID_LENGTH = 63;
    static final int USERNAME_LENGTH = 64;

    /** The route name of every link to a route that does not exist: one bucket, never a route name ([a-z0-9-]). */
    public static final String UNKNOWN_ROUTE = "(unknown)";

    /** Most typed unknown names kept with their counts; beyond it new names count only in the bucket. */
    public static final int UNKNOWN_NAMES_CAP = 1000;

    private static final String COUNT_UNKNOWN_NAME = "UPDATE portico_link_unknown_name SET hits = hits + ?,"
            + " last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END WHERE name = ?";

    private static final String INSERT_UNKNOWN_NAME = "INSERT INTO portico_link_unknown_name"
            + " (name, hits, first_seen, last_seen) VALUES (?, ?, ?, ?)";

    private static final String INSERT = "INSERT INTO portico_link_event (resolved_at, route, outcome, app_id, username)"
            + " VALUES (?, ?, ?, ?, ?)";

    private static final String MERGE_DAILY = "MERGE INTO portico_link_daily d"
            + " USING (VALUES (CAST(? AS DATE), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(32)), CAST(? AS BIGINT)))"
            + " AS s (event_day, route, outcome, resolutions)"
            + " ON (d.event_day = s.event_day AND d.route = s.route AND d.outcome = s.outcome)"
            + " WHEN MATCHED THEN UPDATE SET resolutions = d.resolutions + s.resolutions"
            + " WHEN NOT MATCHED THEN INSERT (event_day, route, outcome, resolutions)"
            + " VALUES (s.event_day, s.route, s.outcome, s.resolutions)";

    @Resource(lookup = "java:jboss/datasources/PorticoDS")
    DataSource dataSource;

    /** One stored resolution, as the CSV export lists it. */
    public record LinkEvent(long id, Instant resolvedAt, String route, String outcome, String appId, String username) {
    }

    private record DailyKey(LocalDate day, String route, String outcome) implements Comparable<DailyKey> {
        @Override
        public int compareTo(DailyKey other) {
            int byDay = day.compareTo(other.day);
            if (byDay != 0) {
                return byDay;
            }
            int byRoute = route.compareTo(other.route);
            return byRoute != 0 ? byRoute : outcome.compareTo(other.outcome);
        }
    }

    /** Stores a batch of events and adds them to the daily counts, all or nothing. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void write(List<LinkResolved> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<DailyKey, Long> daily = new TreeMap<>();
        Map<String, UnknownName> unknown = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (LinkResolved event : batch) {
                    String route = clean(event.route(), LinkResolved.MAX_ROUTE);
                    if (event.outcome() == LinkOutcome.UNKNOWN_ROUTE) {
                        unknown.merge(route, new UnknownName(1, event.at()), UnknownName::plus);
                        route = UNKNOWN_ROUTE;
                    }
                    String outcome = event.outcome().code();
                    insert.setObject(1, OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC));
                    insert.setString(2, route);
                    insert.setString(3, outcome);
                    insert.setString(4, clean(event.appId(), APP_ID_LENGTH));
                    insert.setString(5, clean(event.username(), USERNAME_LENGTH));
                    insert.addBatch();
                    daily.merge(new DailyKey(LocalDate.ofInstant(event.at(), ZoneOffset.UTC), route, outcome), 1L, Long::sum);
                }
                insert.executeBatch();
            }
            try (PreparedStatement merge = connection.prepareStatement(MERGE_DAILY)) {
                for (Map.Entry<DailyKey, Long> entry : daily.entrySet()) {
                    merge.setObject(1, entry.getKey().day());
                    merge.setString(2, entry.getKey().route());
                    merge.setString(3, entry.getKey().outcome());
                    merge.setLong(4, entry.getValue());
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            countUnknownNames(connection, unknown);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store " + batch.size() + " link events: " + e.getMessage(), e);
        }
    }

    /** How often a typed unknown name came up in a batch, and when last. */
    private record UnknownName(long hits, Instant lastSeen) {
        UnknownName plus(UnknownName other) {
            return new UnknownName(hits + other.hits, lastSeen.isAfter(other.lastSeen) ? lastSeen : other.lastSeen);
        }
    }

    /**
     * Adds the batch's typed unknown names to their counts; a new name gets a row only while the table holds fewer
     * than {@link #UNKNOWN_NAMES_CAP}. Two nodes can each add one past the cap at the same moment: the table stays
     * bounded by the cap plus a batch per node.
     */
    private static void countUnknownNames(Connection connection, Map<String, UnknownName> names) throws SQLException {
        if (names.isEmpty()) {
            return;
        }
        long rows;
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM portico_link_unknown_name");
             ResultSet result = count.executeQuery()) {
            result.next();
            rows = result.getLong(1);
        }
        try (PreparedStatement update = connection.prepareStatement(COUNT_UNKNOWN_NAME);
             PreparedStatement insert = connection.prepareStatement(INSERT_UNKNOWN_NAME)) {
            for (Map.Entry<String, UnknownName> name : names.entrySet()) {
                OffsetDateTime seen = OffsetDateTime.ofInstant(name.getValue().lastSeen(), ZoneOffset.UTC);
                update.setLong(1, name.getValue().hits());
                update.setObject(2, seen);
                update.setObject(3, seen);
                update.setString(4, name.getKey());
                if (update.executeUpdate() == 0 && rows < UNKNOWN_NAMES_CAP) {
                    insert.setString(1, name.getKey());
                    insert.setLong(2, name.getValue().hits());
                    insert.setObject(3, seen);
                    insert.setObject(4, seen);
                    insert.executeUpdate();
                    rows++;
                }
            }
        }
    }

    /** One typed name of a route that does not exist, with how often and when it was last asked for. */
    public record UnknownRouteName(String name, long hits, Instant lastSeen) {
    }

    /** The most asked-for unknown route names, most hits first (at most {@code limit}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UnknownRouteName> unknownNames(int limit) {
        List<UnknownRouteName> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT name, hits, last_seen"
                     + " FROM portico_link_unknown_name ORDER BY hits DESC, name FETCH FIRST ? ROWS ONLY")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(new UnknownRouteName(rows.getString(1), rows.getLong(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the unknown route names: " + e.getMessage(), e);
        }
        return names;
    }

    /** How many unknown route names are kept. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long unknownNameCount() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM portico_link_unknown_name");
             ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the unknown route names: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes up to {@code limit} of the oldest link events resolved before {@code cutoff}, in a transaction of its
     * own; returns how many went (fewer than {@code limit}: nothing older is left). The daily counts stay.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int pruneEventsBefore(Instant cutoff, int limit) {
        return deleteOldest("portico_link_event", "resolved_at", cutoff, limit);
    }

    /** Deletes up to {@code limit} unknown route names last seen before {@code cutoff}, in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int pruneUnknownNamesBefore(Instant cutoff, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM portico_link_unknown_name"
                     + " WHERE name IN (SELECT name FROM portico_link_unknown_name WHERE last_seen < ?"
                     + " ORDER BY last_seen FETCH FIRST ? ROWS ONLY)")) {
            delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            delete.setInt(2, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prune the unknown route names: " + e.getMessage(), e);
        }
    }

    private int deleteOldest(String table, String column, Instant cutoff, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id IN (SELECT id"
                     + " FROM " + table + " WHERE " + column + " < ? ORDER BY " + column + ", id FETCH FIRST ? ROWS ONLY)")) {
            delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            delete.setInt(2, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prune " + table + ": " + e.getMessage(), e);
        }
    }

    /** Control characters become spaces (no forged lines in exports), cut to the column; null stays null. */
    static String clean(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(Math.min(value.length(), maxLength));
        value.codePoints().limit(maxLength).forEach(c -> text.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return text.length() <= maxLength ? text.toString() : text.substring(0, maxLength);
    }

    /** The counts per day and outcome and per route and outcome of a query, from the daily table. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LinkStatistics statistics(LinkAnalyticsQuery query) {
        String where = " WHERE event_day >= ? AND event_day <= ?" + (query.route() == null ? "" : " AND route = ?");
        List<LinkStatistics.Row<LocalDate>> days = new ArrayList<>();
        List<LinkStatistics.Row<String>> routes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement("SELECT event_day, outcome, SUM(resolutions)"
                    + " FROM portico_link_daily" + where + " GROUP BY event_day, outcome")) {
                bindDays(select, query);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        days.add(new LinkStatistics.Row<>(rows.getObject(1, LocalDate.class), rows.getString(2), rows.getLong(3)));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT route, outcome, SUM(resolutions)"
                    + " FROM portico_link_daily" + where + " GROUP BY route, outcome")) {
                bindDays(select, query);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        routes.add(new LinkStatistics.Row<>(rows.getString(1), rows.getString(2), rows.getLong(3)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the link statistics: " + e.getMessage(), e);
        }
        return new LinkStatistics(query, days, routes);
    }

    private static void bindDays(PreparedStatement statement, LinkAnalyticsQuery query) throws SQLException {
        statement.setObject(1, query.from());
        statement.setObject(2, query.to());
        if (query.route() != null) {
            statement.setString(3, query.route());
        }
    }

    /**
     * The choices of the route filter: every route that links were resolved for, by name, plus
     * {@link #UNKNOWN_ROUTE} when links to routes that do not exist were followed. Never a name a stranger typed, so
     * the list is bounded by the routes there are and have been.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> routes() {
        List<String> routes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT DISTINCT route FROM portico_link_daily ORDER BY route");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                routes.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the link routes: " + e.getMessage(), e);
        }
        return routes;
    }

    /**
     * Hands every event of the query to {@code sink}, oldest first, reading {@code batchSize} rows at a time (keyset
     * paging on time and id, along an index). Runs outside any transaction with a connection per batch, so memory
     * and locks stay flat however many events there are.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void forEach(LinkAnalyticsQuery query, int batchSize, Consumer<LinkEvent> sink) {
        String route = query.route() == null ? "" : " AND route = ?";
        String first = "SELECT id, resolved_at, route, outcome, app_id, username FROM portico_link_event"
                + " WHERE resolved_at >= ? AND resolved_at < ?" + route + " ORDER BY resolved_at, id FETCH FIRST ? ROWS ONLY";
        String next = "SELECT id, resolved_at, route, outcome, app_id, username FROM portico_link_event"
                + " WHERE (resolved_at, id) > (?, ?) AND resolved_at < ?" + route + " ORDER BY resolved_at, id FETCH FIRST ? ROWS ONLY";
        LinkEvent last = null;
        while (true) {
            List<LinkEvent> batch = new ArrayList<>(batchSize);
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement(last == null ? first : next)) {
                int i = 1;
                if (last == null) {
                    select.setObject(i++, OffsetDateTime.ofInstant(query.start(), ZoneOffset.UTC));
                } else {
                    select.setObject(i++, OffsetDateTime.ofInstant(last.resolvedAt(), ZoneOffset.UTC));
                    select.setLong(i++, last.id());
                }
                select.setObject(i++, OffsetDateTime.ofInstant(query.end(), ZoneOffset.UTC));
                if (query.route() != null) {
                    select.setString(i++, query.route());
                }
                select.setInt(i, batchSize);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        batch.add(new LinkEvent(rows.getLong(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
                                rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the link events: " + e.getMessage(), e);
            }
            batch.forEach(sink);
            if (batch.size() < batchSize) {
                return;
            }
            last = batch.get(batch.size() - 1);
        }
    }
}
