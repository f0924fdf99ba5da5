package org.portico.web.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;


/**
 * Stores a batch of audit entries in one transaction of its own: the sink of {@link AuditLog}'s background writer.
 * A failure rolls the whole batch back, and the writer tries it again. Also deletes entries past their retention
 * ({@code retention.Retention}), a bounded batch per transaction.
 */
@ApplicationScoped
public class AuditBatches {

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void store(List<AuditEntry> entries) {
        entries.forEach(em::persist);
    }

    /**
     * Deletes up to {@code limit} of the oldest entries that occurred before {@code cutoff}, in a transaction of its
     * own; returns how many went (fewer than {@code limit}: nothing older is left).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int pruneBefore(Instant cutoff, int limit) {
        return em.createNativeQuery("DELETE FROM portico_audit_log WHERE id IN (SELECT id FROM portico_audit_log"
                        + " WHERE occurred_at < ?1 ORDER BY occurred_at, id FETCH FIRST ?2 ROWS ONLY)")
                .setParameter(1, cutoff.atOffset(ZoneOffset.UTC)).setParameter(2, limit).executeUpdate();
    }
}
