package org.portico.cms.sanitize;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentSource;
import org.portico.cms.spi.ContentUnavailableException;

/**
 * A {@link ContentSource} whose items have sanitised bodies. Put it inside the cache, so that each version of a
 * block is sanitised once, not on every page view.
 *
 * <p>Thread-safe when the delegate is.
 */
public final class SanitizingContentSource implements ContentSource {

    private final ContentSource delegate;
    private final HtmlSanitizer sanitizer;

    /**
     * @param delegate  the source of untrusted content
     * @param sanitizer the policy to apply to every body
     */
    public SanitizingContentSource(ContentSource delegate, HtmlSanitizer sanitizer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.sanitizer = Objects.requireNonNull(sanitizer, "sanitizer");
    }

    /**
     * The delegate's item with its body sanitised.
     *
     * @throws ContentUnavailableException when the delegate cannot answer now
     */
    @Override
    public Optional<ContentItem> find(ContentKind kind, String key, Locale locale) {
        return delegate.find(kind, key, locale).map(item -> item.withBodyHtml(sanitizer.sanitize(item.bodyHtml())));
    }
}
