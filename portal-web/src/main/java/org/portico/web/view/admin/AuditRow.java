package org.portico.web.view.admin;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.portico.web.audit.AuditEntry;

/** One line of the audit page: a serializable snapshot, the time in UTC (as a local date-time) for the page's date-time converter. */
public record AuditRow(long id, LocalDateTime occurredAt, String actor, String action, String target, String outcome,
                       String clientAddress, String detail) implements Serializable {

    static AuditRow of(AuditEntry entry) {
        return new AuditRow(entry.getId(), LocalDateTime.ofInstant(entry.getOccurredAt(), ZoneOffset.UTC), entry.getActor(),
                entry.getAction(), entry.getTarget(), entry.getOutcome().name(), entry.getClientAddress(),
                entry.getDetail());
    }
}
