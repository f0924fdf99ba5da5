package org.portico.web.edge;

import java.util.Set;

import org.portico.cdn.tag.CacheTag;

/**
 * Copies that shared caches hold under these tags are stale: fired inside the transaction of the change that made
 * them so, by a feature the CDN knows nothing of (the media store), so that the purge is queued with the change
 * ({@code cdn.PurgeQueue}). Pages, apps, routes and CMS items announce their changes with events of their own, which
 * the queue observes directly.
 */
public record SharedCopiesStale(Set<CacheTag> tags) {

    public SharedCopiesStale {
        tags = Set.copyOf(tags);
    }
}
