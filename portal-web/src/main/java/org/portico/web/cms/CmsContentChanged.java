package org.portico.web.cms;

import java.util.Locale;

import org.portico.cdn.tag.CacheTag;
import org.portico.cms.spi.ContentKind;

/**
 * What readers see of a CMS item changed (published, taken offline, deleted, or a source said so): the cached content
 * is forgotten once the transaction completes, and whatever caches it further (the CDN) can purge by {@link #tag()}.
 *
 * @param source the content source's id ({@value CmsService#BUILT_IN} for the built-in store)
 * @param locale the language changed, null when every language may have
 */
public record CmsContentChanged(String source, ContentKind kind, String key, Locale locale) {

    /**
     * The cache tag of the item in every language: {@code cms:<source>:<kind>:<key>}, in {@link CacheTag}'s safe form
     * (the form the pages showing it send in {@code Surrogate-Key} and {@code Cache-Tag}).
     */
    public String tag() {
        return tagOf(source, kind, key).value();
    }

    /** The cache tag of an item of a source in every language, as pages showing it send it. */
    public static CacheTag tagOf(String source, ContentKind kind, String key) {
        return CacheTag.of("cms:" + source + ":" + kind.name().toLowerCase(Locale.ROOT) + ":" + key);
    }
}
