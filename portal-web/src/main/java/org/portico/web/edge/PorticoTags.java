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

    /** Every page showing an app (a tile, a pane, a data tile, a link of a links list): {@code app:<id>}. */
    public static CacheTag app(String id) {
        return CacheTag.of("app:" + id);
    }

    /** Every page linking to a deep-link route (an app tile, a links list, a data tile): {@code route:<name>}. */
    public static CacheTag route(String name) {
        return CacheTag.of("route:" + name);
    }

    /**
     * An image of the media store, and every guest page whose CMS content shows it or leaves it out (a private
     * image): {@code media:<sha256>}.
     */
    public static CacheTag media(String sha256) {
        return CacheTag.of("media:" + sha256);
    }
}
