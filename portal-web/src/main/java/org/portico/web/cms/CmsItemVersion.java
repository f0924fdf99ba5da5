package org.portico.web.cms;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/** One saved state of a {@link CmsItem}: its title, summary and body, who saved it, when and how. Never changed. */
@Entity
@Table(name = "cms_item_version")
public class CmsItemVersion {

    /** What made a version. */
    public enum Origin {
        /** An editor saved the draft. */
        SAVED,
        /** An editor made an earlier version the draft again. */
        RESTORED,
        /** Moved from an earlier store (V2's blocks) or imported. */
        IMPORTED
    }

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "item_id", nullable = false)
        private Long itemId;

        @Column(nullable = false)
        private long revision;

        protected Key() {
            // for JPA
        }

        Key(Long itemId, long revision) {
            this.itemId = itemId;
            this.revision = revision;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(itemId, key.itemId) && revision == key.revision;
        }

        @Override
        public int hashCode() {
            return Objects.hash(itemId, revision);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(nullable = false, length = 200, updatable = false)
    private String title;

    @Column(nullable = false, length = 500, updatable = false)
    private String summary;

    @Column(name = "body_html", nullable = false, updatable = false)
    private String bodyHtml;

    @Column(name = "saved_at", nullable = false, updatable = false)
    private Instant savedAt;

    @Column(name = "saved_by", nullable = false, length = 64, updatable = false)
    private String savedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, updatable = false)
    private Origin origin;

    protected CmsItemVersion() {
        // for JPA
    }

    CmsItemVersion(CmsItem item, Origin origin) {
        this.key = new Key(item.getId(), item.getDraftRevision());
        CmsDraft draft = item.draft();
        this.title = draft.title();
        this.summary = draft.summary();
        this.bodyHtml = draft.bodyHtml();
        this.savedAt = item.getUpdatedAt();
        this.savedBy = item.getUpdatedBy();
        this.origin = origin;
    }

    public long getRevision() {
        return key.revision;
    }

    public String getTitle() {
        return title;
    }

    public String getSummary() {
        return summary;
    }

    public String getBodyHtml() {
        return bodyHtml;
    }

    public Instant getSavedAt() {
        return savedAt;
    }

    public String getSavedBy() {
        return savedBy;
    }

    public Origin getOrigin() {
        return origin;
    }
}
