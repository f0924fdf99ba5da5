package org.portico.web.page;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One saved state of a page: the whole page as JSON, who saved it and when. Never changed once written. */
@Entity
@Table(name = "portico_page_version")
public class StoredPageVersion {

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "page_id", nullable = false)
        private Long pageId;

        @Column(nullable = false)
        private long revision;

        protected Key() {
            // for JPA
        }

        Key(Long pageId, long revision) {
            this.pageId = pageId;
            this.revision = revision;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(pageId, key.pageId) && revision == key.revision;
        }

        @Override
        public int hashCode() {
            return Objects.hash(pageId, revision);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "saved_at", nullable = false, updatable = false)
    private Instant savedAt;

    @Column(name = "saved_by", nullable = false, length = 64, updatable = false)
    private String savedBy;

    @Column(nullable = false, updatable = false)
    private String snapshot;

    protected StoredPageVersion() {
        // for JPA
    }

    StoredPageVersion(Long pageId, long revision, Instant savedAt, String savedBy, String snapshot) {
        this.key = new Key(pageId, revision);
        this.savedAt = savedAt;
        this.savedBy = savedBy;
        this.snapshot = snapshot;
    }

    long getRevision() {
        return key.revision;
    }

    Instant getSavedAt() {
        return savedAt;
    }

    String getSavedBy() {
        return savedBy;
    }

    String getSnapshot() {
        return snapshot;
    }
}
