package org.portico.web.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;


/**
 * One line of the audit log. Immutable once written. The action is kept as text, not as the enum, so that rows
 * written by a newer version (with actions this one doesn't know) still load.
 */
@Entity
@Table(name = "portico_audit_log")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(length = 64, updatable = false)
    private String actor;

    @Column(nullable = false, length = 40, updatable = false)
    private String action;

    @Column(length = 200, updatable = false)
    private String target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, updatable = false)
    private AuditOutcome outcome;

    @Column(name = "client_address", length = 64, updatable = false)
    private String clientAddress;

    @Column(length = 500, updatable = false)
    private String detail;

    protected AuditEntry() {
        // for JPA
    }

    public AuditEntry(Instant occurredAt, String actor, String action, String target, AuditOutcome outcome,
                      String clientAddress, String detail) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.outcome = outcome;
        this.clientAddress = clientAddress;
        this.detail = detail;
    }

    public Long getId() { return id; }
    public Instant getOccurredAt() { return occurredAt; }
    public String getActor() { return actor; }
    public String getAction() { return action; }
    public String getTarget() { return target; }
    public AuditOutcome getOutcome() { return outcome; }
    public String getClientAddress() { return clientAddress; }
    public String getDetail() { return detail; }
}
