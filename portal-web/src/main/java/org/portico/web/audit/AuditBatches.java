package org.portico.web.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.portico.web.persistence.AuditEntry;

/**
 * Stores a batch of audit entries in one transaction of its own: the sink of {@link AuditLog}'s background writer.
 * A failure rolls the whole batch back, and the writer tries it again.
 */
@ApplicationScoped
public class AuditBatches {

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void store(List<AuditEntry> entries) {
        entries.forEach(em::persist);
    }
}
