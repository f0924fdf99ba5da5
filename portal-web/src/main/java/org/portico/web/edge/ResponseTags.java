package org.portico.web.edge;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.portico.cdn.tag.CacheTag;
import org.portico.cdn.tag.CacheTags;

/**
 * What the response being rendered holds, for the shared cache: the page declares that a CDN may keep it
 * ({@link #shareable()}: a guest's view of a portal or CMS page) and whatever renders content adds its tag
 * ({@link #add}: the page, each CMS item shown). {@link EdgeCacheFilter} reads it once the response is rendered; a
 * response nobody declared shareable is never shared, whatever its tags. Request-scoped, so one thread at a time.
 */
@RequestScoped
public class ResponseTags {

    private final Set<CacheTag> tags = new LinkedHashSet<>();
    private boolean shareable;

    /** The response may go into a shared cache, unless something personal turns up before it is sent. */
    public void shareable() {
        shareable = true;
    }

    /** Whether the page said a shared cache may keep the response. */
    public boolean isShareable() {
        return shareable;
    }

    /** The response shows the content this tag names. */
    public void add(CacheTag tag) {
        tags.add(tag);
    }

    /** The tags added so far, in order, with {@link PorticoTags#ALL} first. */
    public CacheTags tags() {
        Set<CacheTag> all = new LinkedHashSet<>();
        all.add(PorticoTags.ALL);
        all.addAll(tags);
        return CacheTags.of(all);
    }
}
