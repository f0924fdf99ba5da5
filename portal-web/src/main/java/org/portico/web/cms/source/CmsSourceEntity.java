package org.portico.web.cms.source;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An external CMS source as stored ({@code V20__cms_sources.sql}); written only by {@link CmsSourceService}. */
@Entity
@Table(name = "cms_source")
public class CmsSourceEntity {

    @Id
    @Column(length = 32, updatable = false)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, updatable = false)
    private CmsSourceType type;

    @Column(nullable = false, length = 100)
    String name;

    @Column(name = "base_url", nullable = false, length = 500)
    String baseUrl;

    /** A JSON object of strings. */
    @Column(nullable = false)
    String options;

    @Column(name = "credential_sealed", length = 1000)
    String credentialSealed;

    @Column(name = "webhook_secret_sealed", nullable = false, length = 1000)
    String webhookSecretSealed;

    @Column(name = "timeout_millis", nullable = false)
    int timeoutMillis;

    @Column(name = "fresh_for_seconds", nullable = false)
    int freshForSeconds;

    @Column(nullable = false)
    boolean enabled;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    String updatedBy;

    @Version
    @Column(name = "lock_version", nullable = false)
    private long lockVersion;

    protected CmsSourceEntity() {
        // for JPA
    }

    CmsSourceEntity(String id, CmsSourceType type) {
        this.id = id;
        this.type = type;
    }

    public String getId() {
        return id;
    }

    public CmsSourceType getType() {
        return type;
    }

    public long getLockVersion() {
        return lockVersion;
    }
}
