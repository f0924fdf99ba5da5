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

/**
 * One row of the purge queue ({@code V22__cdn_purges.sql}); written only by {@link PurgeQueue}, whose conditional
 * updates (a claim, progress under the claim's token) are what keeps two nodes from sending the same row.
 */
@Entity
@Table(name = "cdn_purge")
public class CdnPurgeEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "target_id", nullable = false, updatable = false)
    long targetId;

    /** JSON array of strings. */
    @Column(nullable = false)
    String tags;

    /** JSON array of strings. */
    @Column(nullable = false)
    String urls;

    @Column(name = "item_count", nullable = false)
    int itemCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    PurgeState state;

    @Column(name = "requested_by", length = 64, updatable = false)
    String requestedBy;

    @Column(nullable = false)
    int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    Instant nextAttemptAt;

    @Column(name = "claim_token", length = 64)
    String claimToken;

    @Column(name = "claimed_until")
    Instant claimedUntil;

    @Column(name = "last_error", length = 1000)
    String lastError;

    @Column(name = "batches_total", nullable = false)
    int batchesTotal;

    @Column(name = "batches_done", nullable = false)
    int batchesDone;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "done_at")
    Instant doneAt;

    protected CdnPurgeEntity() {
        // for JPA
    }

    CdnPurgeEntity(long targetId, PurgeItems items, String requestedBy, Instant now) {
        this.targetId = targetId;
        this.tags = PurgeItems.json(items.tags());
        this.urls = PurgeItems.json(items.urls());
        this.itemCount = items.count();
        this.state = PurgeState.PENDING;
        this.requestedBy = requestedBy;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    PurgeItems items() {
        return new PurgeItems(PurgeItems.parse(tags), PurgeItems.parse(urls));
    }
}
