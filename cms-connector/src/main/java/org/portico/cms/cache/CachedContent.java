package org.portico.cms.cache;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.portico.cms.spi.ContentItem;

/**
 * Content as {@link CachingContentSource} serves it: the item, when it was fetched from its source, and, when the
 * source failed to answer since, when it last did (the item is then the last good one: readers see it, editors should
 * be told).
 *
 * @param item        the content
 * @param fetchedAt   when the source gave it
 * @param lastFailure when the source last failed to answer since; empty while it answers
 */
public record CachedContent(ContentItem item, Instant fetchedAt, Optional<Instant> lastFailure) {

    public CachedContent {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(lastFailure, "lastFailure");
    }

    /** Whether this is the last good content of a source that failed to answer since it was fetched. */
    public boolean fromLastGood() {
        return lastFailure.isPresent();
    }
}
