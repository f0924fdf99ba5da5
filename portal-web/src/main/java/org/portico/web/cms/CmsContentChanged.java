package org.portico.web.cms;

import java.util.Locale;

import org.portico.cms.spi.ContentKind;

/**
 * What readers see of a CMS item changed (published, taken offline, deleted, or a source said so): the cached content
 * is forgotten once the transaction completes, and whatever caches it further (the CDN) can purge by {@link #tag()}.
 *
 * @param source the content source's id ({@value CmsService#BUILT_IN} for the built-in store)
 * @param locale the language changed, null when every language may have
 */
public record CmsContentChanged(String source, ContentKind kind, String key, Locale locale) {

    /** The cache tag of the item in every language: {@code cms:<source>:<kind>:<key>}. */
    public String tag() {
        return "cms:" + source + ":" + kind.name().toLowerCase(Locale.ROOT) + ":" + key;
    }
}
