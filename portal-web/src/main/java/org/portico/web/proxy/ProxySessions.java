package org.portico.web.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.portico.deeplink.random.RandomIds;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;

/**
 * The proxy's security state in the database ({@code V24}): one-time hop tickets, and the proxy sessions a hop
 * creates on the proxy origin. Ids are random (RandomIds, 256 bits for secrets) and stored as their SHA-256 only.
 * Plain JDBC, each statement on its own (auto-commit): the database decides who redeems a ticket (a conditional
 * {@code DELETE} that one request wins), so every node gives the same answer. Sessions are read through a small
 * Caffeine cache that keeps an answer {@value #CACHE_SECONDS} s: a logout ends the user's sessions at once on this node
 * and within a second on the others (the {@code revocations} change marker a logout bumps). Thread-safe.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ProxySessions {

    /** How long a hop ticket lives: the auto-submitted form posts it at once. */
    public static final Duration TICKET_LIFETIME = Duration.ofSeconds(60);
    static final int CACHE_SECONDS = 10;
    /** Longest target path and query a ticket carries (the column holds 4000). */
    public static final int MAX_TARGET = 4000;

    @Resource(lookup = "java:jboss/datasources/PorticoDS")
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    ProxySettings settings;

    private final Cache<String, Optional<ProxySession>> sessions = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(CACHE_SECONDS)).build();

    /** A redeemed hop: who goes to which app, in which Portico session, to what path (and query) under its prefix. */
    public record Hop(String username, String appId, String sid, String target) {
    }

    /** A live proxy session. */
    public record ProxySession(String username, String appId, String sid, Instant expiresAt) {
    }

    /** A new session's cookie value and how long the browser should keep it. */
    public record Opened(String cookieValue, Duration maxAge) {
    }

    /**
     * Writes a hop ticket for a logged-in user and returns its value, to be posted once to the proxy origin.
     *
     * @param target the path and query under {@code /apps/{id}/}, at most {@value #MAX_TARGET} characters
     */
    public String issueTicket(String username, String sid, String appId, String target) {
        if (target.length() > MAX_TARGET) {
            throw new IllegalArgumentException("target longer than " + MAX_TARGET);
        }
        String ticket = RandomIds.secret();
        Instant now = clock.instant();
        update("INSERT INTO portico_proxy_hop (id_hash, username, app_id, sid, target, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", hash(ticket), username, appId, sid, target, utc(now),
                utc(now.plus(TICKET_LIFETIME)));
        return ticket;
    }

    /**
     * Redeems a ticket for an app: empty when it is unknown, used, expired or for another app. The row is read and
     * checked first; then one conditional {@code DELETE} decides which of concurrent requests wins.
     */
    public Optional<Hop> redeem(String ticket, String appId) {
        if (ticket == null || ticket.isEmpty() || ticket.length() > 100) {
            return Optional.empty();
        }
        String key = hash(ticket);
        Instant now = clock.instant();
        Optional<Hop> hop;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT username, app_id, sid, target"
                     + " FROM portico_proxy_hop WHERE id_hash = ? AND expires_at > ?")) {
            select.setString(1, key);
            select.setObject(2, utc(now));
            try (ResultSet rows = select.executeQuery()) {
                hop = rows.next() ? Optional.of(new Hop(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a hop ticket: " + e.getMessage(), e);
        }
        if (hop.isEmpty() || !hop.get().appId().equals(appId)) {
            return Optional.empty();
        }
        int won = update("DELETE FROM portico_proxy_hop WHERE id_hash = ? AND expires_at > ?", key, utc(now));
        return won == 1 ? hop : Optional.empty();
    }

    /** Opens a proxy session for a redeemed hop. */
    public Opened open(Hop hop) {
        String id = RandomIds.secret();
        Instant now = clock.instant();
        Duration lifetime = settings.sessionLifetime();
        update("INSERT INTO portico_proxy_session (id_hash, username, app_id, sid, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", hash(id), hop.username(), hop.appId(), hop.sid(), utc(now),
                utc(now.plus(lifetime)));
        return new Opened(id, lifetime);
    }

    /** The live session a proxy cookie names, if it is one for this app. */
    public Optional<ProxySession> find(String cookieValue, String appId) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return sessions.get(hash(cookieValue), this::load)
                .filter(session -> session.appId().equals(appId) && session.expiresAt().isAfter(now));
    }

    private Optional<ProxySession> load(String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT username, app_id, sid, expires_at"
                     + " FROM portico_proxy_session WHERE id_hash = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new ProxySession(rows.getString(1), rows.getString(2),
                        rows.getString(3), rows.getObject(4, OffsetDateTime.class).toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a proxy session: " + e.getMessage(), e);
        }
    }

    /** Ends every proxy session of a user (logout): deleted in the database, forgotten by this node's cache. */
    public int revokeUser(String username) {
        int ended = update("DELETE FROM portico_proxy_session WHERE username = ?", username);
        sessions.invalidateAll();
        return ended;
    }

    /** Deletes up to {@code limit} hop tickets that expired before {@code cutoff} (the retention job); how many went. */
    public int pruneTickets(Instant cutoff, int limit) {
        return deleteOldest("portico_proxy_hop", cutoff, limit);
    }

    /** Deletes up to {@code limit} proxy sessions that ended before {@code cutoff} (the retention job); how many went. */
    public int pruneSessions(Instant cutoff, int limit) {
        return deleteOldest("portico_proxy_session", cutoff, limit);
    }

    private int deleteOldest(String table, Instant cutoff, int limit) {
        return update("DELETE FROM " + table + " WHERE id_hash IN (SELECT id_hash FROM " + table
                + " WHERE expires_at < ? ORDER BY expires_at FETCH FIRST ? ROWS ONLY)", utc(cutoff), limit);
    }

    private int update(String sql, Object... values) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the proxy's state: " + e.getMessage(), e);
        }
    }

    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A logout on some node: forget the cached proxy sessions, so that user's sessions end here within a second. */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.REVOCATIONS)) {
            sessions.invalidateAll();
        }
    }
}
