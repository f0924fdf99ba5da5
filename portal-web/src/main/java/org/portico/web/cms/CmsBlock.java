package org.portico.web.cms;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;

/**
 * A block of the built-in CMS store (table {@code cms_block}, created by {@code V2__cms_blocks.sql}): one row per key,
 * locale and status, so a published version and the draft that will replace it live side by side.
 */
@Entity
@Table(name = "cms_block")
public class CmsBlock {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "block_key", nullable = false, length = 100, updatable = false)
    private String key;

    /** BCP 47 language tag; {@code und} (what {@link Locale#ROOT} gives) for locale-less content. */
    @Column(name = "locale", nullable = false, length = 35, updatable = false)
    private String locale;

    @Column(name = "title", nullable = false, length = 200)
    private String title;

    /** As the editor wrote it: untrusted until sanitised. */
    @Column(name = "body_html", nullable = false)
    private String bodyHtml;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private CmsBlockStatus status;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected CmsBlock() {
        // for JPA
    }

    public CmsBlock(String key, Locale locale, String title, String bodyHtml, CmsBlockStatus status, Instant now) {
        this.key = key;
        this.locale = locale.toLanguageTag();
        this.title = title;
        this.bodyHtml = bodyHtml;
        this.status = status;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getKey() {
        return key;
    }

    public Locale getLocale() {
        return Locale.forLanguageTag(locale);
    }

    public String getTitle() {
        return title;
    }

    public String getBodyHtml() {
        return bodyHtml;
    }

    public CmsBlockStatus getStatus() {
        return status;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** This block as the connector SPI delivers it (body not yet sanitised). */
    public ContentItem toContentItem() {
        return new ContentItem(ContentKind.BLOCK, key, getLocale(), title, bodyHtml, updatedAt);
    }
}
