package org.portico.web.cdn;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.portico.cdn.purge.PurgeTarget;

/** A purge target as stored ({@code V22__cdn_purges.sql}); written only by {@link CdnTargetService}. */
@Entity
@Table(name = "cdn_target")
public class CdnTargetEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, updatable = false)
    private PurgeTarget.Kind kind;

    @Column(nullable = false, length = 500)
    String endpoint;

    /** A JSON object of strings. */
    @Column(nullable = false)
    String options;

    @Column(name = "credential_sealed", length = 2000)
    String credentialSealed;

    @Column(nullable = false)
    boolean enabled;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    String updatedBy;

    @Version
    @Column(name = "lock_version", nullable = false)
    private long lockVersion;

    protected CdnTargetEntity() {
        // for JPA
    }

    CdnTargetEntity(PurgeTarget.Kind kind) {
        this.kind = kind;
    }

    public Long getId() {
        return id;
    }

    public PurgeTarget.Kind getKind() {
        return kind;
    }

    public long getLockVersion() {
        return lockVersion;
    }
}
