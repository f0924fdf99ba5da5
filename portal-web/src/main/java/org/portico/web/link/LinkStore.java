package org.portico.web.link;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The SQL behind one-time tickets, accepted inbound-link ids and inbound-link secrets (tables of {@code V9}). Plain
 * statements, each in a transaction of its own: the database is the one place that decides who redeems a ticket or
 * uses a signed link first, across every node.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class LinkStore {

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    /** A stored ticket, as far as a failed redemption needs it. */
    public record TicketRow(String route, String params, String username, Instant expiresAt, Instant consumedAt) {
    }

    public void insertTicket(String id, String route, String params, String username, Instant createdAt,
                             Instant expiresAt) {
        em.createNativeQuery("INSERT INTO portico_link_ticket (id, route, params, username, created_at, expires_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, id).setParameter(2, route).setParameter(3, params).setParameter(4, username)
                .setParameter(5, utc(createdAt)).setParameter(6, utc(expiresAt))
                .executeUpdate();
    }

    /**
     * Marks the ticket consumed if, and only if, it is unconsumed, unexpired and matches the link and the user.
     *
     * @return whether this call redeemed it (exactly one concurrent caller gets true)
     */
    public boolean consumeTicket(String id, String route, String params, String username, Instant now) {
        return em.createNativeQuery("UPDATE portico_link_ticket SET consumed_at = ?1 WHERE id = ?2"
                        + " AND consumed_at IS NULL AND expires_at > ?1 AND route = ?3 AND params = ?4"
                        + " AND (username IS NULL OR username = ?5)")
                .setParameter(1, utc(now)).setParameter(2, id).setParameter(3, route).setParameter(4, params)
                .setParameter(5, username == null ? "" : username)
                .executeUpdate() == 1;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TicketRow> findTicket(String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT route, params, username, expires_at, consumed_at"
                + " FROM portico_link_ticket WHERE id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new TicketRow((String) r[0], (String) r[1], (String) r[2],
                instant(r[3]), instant(r[4])));
    }

    /**
     * Records an inbound link's id; fails with a persistence exception (and rolls back only this statement's
     * transaction) when it is recorded already.
     */
    public void insertJti(String id, Instant expiresAt) {
        em.createNativeQuery("INSERT INTO portico_link_jti (id, expires_at) VALUES (?1, ?2)")
                .setParameter(1, id).setParameter(2, utc(expiresAt)).executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean jtiKnown(String id) {
        return !em.createNativeQuery("SELECT 1 FROM portico_link_jti WHERE id = ?1").setParameter(1, id)
                .getResultList().isEmpty();
    }

    /** The sealed inbound-link secret of an enabled app. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> findSealedSecret(String appId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT inbound_link_secret FROM portico_app WHERE id = ?1"
                + " AND enabled = TRUE AND inbound_link_secret IS NOT NULL").setParameter(1, appId).getResultList();
        return rows.stream().findFirst().map(String.class::cast);
    }

    /** @return whether the app exists */
    public boolean storeSealedSecret(String appId, String sealed) {
        return em.createNativeQuery("UPDATE portico_app SET inbound_link_secret = ?1 WHERE id = ?2")
                .setParameter(1, sealed).setParameter(2, appId).executeUpdate() == 1;
    }

    /** Deletes tickets and inbound ids that expired before {@code before}; returns how many rows went. */
    public int purge(Instant before) {
        return em.createNativeQuery("DELETE FROM portico_link_ticket WHERE expires_at < ?1")
                .setParameter(1, utc(before)).executeUpdate()
                + em.createNativeQuery("DELETE FROM portico_link_jti WHERE expires_at < ?1")
                .setParameter(1, utc(before)).executeUpdate();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }
}
