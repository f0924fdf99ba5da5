package org.portico.web.cms;

import java.time.Instant;
import java.util.Locale;

import org.portico.cms.spi.ContentKind;

/**
 * A CMS item as editors see it: its draft, where it stands, what is scheduled, who changed it last. Immutable.
 *
 * @param draftRevision     the version the draft was last saved as
 * @param publishedRevision the version readers see; null when the item is not published
 * @param lockVersion       what an update must name: an item changed meanwhile is refused ({@link CmsRejectedException.StaleItem})
 */
public record CmsItemInfo(long id, ContentKind kind, String key, Locale locale, CmsDraft draft, long draftRevision,
                          Long publishedRevision, Instant publishedAt, Instant publishAt, Instant unpublishAt,
                          Instant updatedAt, String updatedBy, long lockVersion) {

    /** Where an item stands. */
    public enum Status {
        /** Never published, or taken offline. */
        DRAFT,
        /** Readers see the draft as it is. */
        PUBLISHED,
        /** Published, and the draft has changed since. */
        CHANGED
    }

    public Status status() {
        if (publishedRevision == null) {
            return Status.DRAFT;
        }
        return publishedRevision == draftRevision ? Status.PUBLISHED : Status.CHANGED;
    }

    /** The BCP 47 tag of the item's language ({@code und}: the same in every language). */
    public String languageTag() {
        return locale.toLanguageTag();
    }

    static CmsItemInfo of(CmsItem item) {
        return new CmsItemInfo(item.getId(), item.getKind(), item.getKey(), item.getLocale(), item.draft(),
                item.getDraftRevision(), item.getPublishedRevision(), item.getPublishedAt(), item.getPublishAt(),
                item.getUnpublishAt(), item.getUpdatedAt(), item.getUpdatedBy(), item.getLockVersion());
    }
}
