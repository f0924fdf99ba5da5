package org.portico.cms.spi;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One piece of published content as a {@link ContentSource} delivers it.
 *
 * <p>The body is HTML exactly as the CMS stores it: untrusted until it has passed
 * {@code org.portico.cms.sanitize.HtmlSanitizer}. The title is plain text (escape it when rendering).
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind      block or page
 * @param key       the CMS key (slug) it was found under
 * @param locale    the locale of this content; {@link Locale#ROOT} for locale-less content
 * @param title     plain-text title, may be empty
 * @param bodyHtml  HTML body, may be empty
 * @param updatedAt when the content was last changed in the CMS
 */
public record ContentItem(ContentKind kind, String key, Locale locale, String title, String bodyHtml, Instant updatedAt) {

    public ContentItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(bodyHtml, "bodyHtml");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The same item with another body, e.g. after sanitising. */
    public ContentItem withBodyHtml(String newBodyHtml) {
        return new ContentItem(kind, key, locale, title, newBodyHtml, updatedAt);
    }
}
