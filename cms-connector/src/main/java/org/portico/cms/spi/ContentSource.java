package org.portico.cms.spi;

import java.util.Locale;
import java.util.Optional;

/**
 * The connector SPI: where Portico reads published CMS content. Implemented by the built-in store and by adapters for
 * external CMSs (WordPress, Strapi), and decorated by sanitising and caching.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Look up exactly the given locale ({@link Locale#ROOT} means locale-less content); falling back to other
 *   locales is the caller's business ({@code org.portico.cms.cache.CachingContentSource} does it).</li>
 *   <li>Return only published content; drafts are never delivered through this interface.</li>
 *   <li>"Not there" is an empty {@code Optional}; "cannot tell right now" (the CMS is down, slow, answers garbage)
 *   is a {@link ContentUnavailableException}, so callers can fall back to the last good content. Any other
 *   exception is a bug.</li>
 *   <li>Be thread-safe: one instance serves all requests, and caches refresh from background threads.</li>
 * </ul>
 */
public interface ContentSource {

    /**
     * The published content of {@code kind} under {@code key} in exactly {@code locale}.
     *
     * @throws ContentUnavailableException when the source cannot answer now (down, timed out, unreadable answer)
     */
    Optional<ContentItem> find(ContentKind kind, String key, Locale locale);

    /**
     * The published block {@code key} in exactly {@code locale}.
     *
     * @throws ContentUnavailableException when the source cannot answer now
     */
    default Optional<ContentItem> findBlock(String key, Locale locale) {
        return find(ContentKind.BLOCK, key, locale);
    }
}
