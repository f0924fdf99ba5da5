package org.portico.cms.spi;

import java.util.Locale;
import java.util.Optional;

/**
 * A {@link ContentSource} backed by an external CMS over the network (WordPress, Strapi): besides published content it
 * can show editors their drafts for a preview, and say whether it can be reached at all.
 *
 * <p>The contract of {@link ContentSource} holds: {@link #find} delivers published content only, and implementations
 * are thread-safe.
 */
public interface RemoteContentSource extends ContentSource {

    /**
     * Whether {@link #findDraft} can work with this source's configuration (WordPress needs a user and an application
     * password for drafts). The portal hides its preview when false.
     */
    boolean canFindDrafts();

    /**
     * The unpublished version of {@code kind} under {@code key} in exactly {@code locale}, for an editor's preview.
     * What "unpublished" means is the CMS's: in WordPress a post that is a draft, pending review, scheduled or private;
     * in Strapi the draft version of the document. Never cached, never shown to readers.
     *
     * @return empty when there is no such draft (callers may then preview the published version)
     * @throws ContentUnavailableException when the CMS cannot answer now or refuses the credentials
     * @throws IllegalStateException       when {@link #canFindDrafts()} is false
     */
    Optional<ContentItem> findDraft(ContentKind kind, String key, Locale locale);

    /**
     * Asks the CMS whether it is there and accepts Portico's credentials, in as few requests as possible.
     *
     * @return the outcome; network problems, refusals and unreadable answers are a {@linkplain ConnectionCheck#failed
     *         failed} check, never an exception
     */
    ConnectionCheck check();
}
