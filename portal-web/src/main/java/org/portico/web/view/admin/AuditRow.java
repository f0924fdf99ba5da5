package org.portico.web.view.admin;

import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.portico.web.audit.AuditEntry;

/** One line of the audit page: a serializable snapshot, time formatted in UTC. */
public record AuditRow(long id, String occurredAt, String actor, String action, String target, String outcome,
                       String clientAddress, String detail) implements Serializable {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    static AuditRow of(AuditEntry entry) {
        return new AuditRow(entry.getId(), TIME.format(entry.getOccurredAt()), entry.getActor(), entry.getAction(),
                entry.getTarget(), entry.getOutcome().name(), entry.getClientAddress(), entry.getDetail());
    }
}
