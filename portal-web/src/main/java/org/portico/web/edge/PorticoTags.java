package org.portico.web.edge;

import org.portico.cdn.tag.CacheTag;

/**
 * The names of Portico's own cache tags (the CMS's are {@code cms:<source>:<kind>:<key>}, made by
 * {@code cms.CmsContentChanged}). A purge of a tag makes a CDN forget every response that carries it.
 */
public final class PorticoTags {

    /** Every response a shared cache may keep: a purge of it empties the CDN of Portico's pages. */
    public static final CacheTag ALL = CacheTag.of("portico");

    /** Every page showing the navigation (the portal pages a guest sees): purge when a page is added, renamed, moved. */
    public static final CacheTag NAVIGATION = CacheTag.of("nav");

    private PorticoTags() {
    }

    /** The page at {@code /p/{slug}}, a portal page or a CMS page: {@code page:<slug>}. */
    public static CacheTag page(String slug) {
        return CacheTag.of("page:" + slug);
    }

    /** An image of the media store: {@code media:<sha256>}. */
    public static CacheTag media(String sha256) {
        return CacheTag.of("media:" + sha256);
    }
}
