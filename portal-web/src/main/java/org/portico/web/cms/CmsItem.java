package org.portico.web.cms;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.portico.cms.spi.ContentKind;

/**
 * A page or block of the built-in CMS in one language, as stored ({@code V18__cms_items.sql}): the draft editors work
 * on, the numbers of its latest saved version and of the published one, and what is scheduled. The versions
 * themselves are {@link CmsItemVersion}s. Written only by {@link CmsService}.
 */
@Entity
@Table(name = "cms_item")
public class CmsItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8, updatable = false)
    private ContentKind kind;

    @Column(name = "item_key", nullable = false, length = 100, updatable = false)
    private String key;

    /** BCP 47 language tag; {@code und} (what {@link Locale#ROOT} gives) for content that is the same in every language. */
    @Column(nullable = false, length = 35, updatable = false)
    private String locale;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 500)
    private String summary;

    @Column(name = "body_html", nullable = false)
    private String bodyHtml;

    /** Role names and {@code guest}, comma-separated; empty for a block. */
    @Column(nullable = false, length = 200)
    private String roles;

    @Column(name = "draft_revision", nullable = false)
    private long draftRevision;

    @Column(name = "published_revision")
    private Long publishedRevision;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "publish_at")
    private Instant publishAt;

    @Column(name = "unpublish_at")
    private Instant unpublishAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    @Version
    @Column(name = "lock_version", nullable = false)
    private long lockVersion;

    protected CmsItem() {
        // for JPA
    }

    CmsItem(ContentKind kind, String key, Locale locale, CmsDraft draft, Instant now, String by) {
        this.kind = kind;
        this.key = key;
        this.locale = locale.toLanguageTag();
        this.draftRevision = 0;
        apply(draft, now, by);
    }

    /** Makes {@code draft} the item's draft, as its next version; returns that version's number. */
    long apply(CmsDraft draft, Instant now, String by) {
        this.title = draft.title();
        this.summary = draft.summary();
        this.bodyHtml = draft.bodyHtml();
        this.roles = String.join(",", new TreeSet<>(draft.roles()));
        this.updatedAt = now;
        this.updatedBy = by;
        return ++draftRevision;
    }

    void publish(Instant now, String by) {
        publishedRevision = draftRevision;
        publishedAt = now;
        publishAt = null;
        touch(now, by);
    }

    void unpublish(Instant now, String by) {
        publishedRevision = null;
        publishedAt = null;
        unpublishAt = null;
        touch(now, by);
    }

    void schedule(Instant publishAt, Instant unpublishAt, Instant now, String by) {
        this.publishAt = publishAt;
        this.unpublishAt = unpublishAt;
        touch(now, by);
    }

    private void touch(Instant now, String by) {
        updatedAt = now;
        updatedBy = by;
    }

    public Long getId() {
        return id;
    }

    public ContentKind getKind() {
        return kind;
    }

    public String getKey() {
        return key;
    }

    public Locale getLocale() {
        return Locale.forLanguageTag(locale);
    }

    public CmsDraft draft() {
        return new CmsDraft(title, summary, bodyHtml, roleSet());
    }

    public Set<String> roleSet() {
        return roles.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(roles.split(",")));
    }

    public long getDraftRevision() {
        return draftRevision;
    }

    public Long getPublishedRevision() {
        return publishedRevision;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public Instant getPublishAt() {
        return publishAt;
    }

    public Instant getUnpublishAt() {
        return unpublishAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public long getLockVersion() {
        return lockVersion;
    }
}
