package org.portico.cms.webhook;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.portico.cms.spi.ContentKind;

/**
 * Content that a webhook says has changed: what the portal must forget in its caches.
 *
 * <p>Each reference has a cache tag of the form {@code cms:<sourceId>:<kind>:<key>}, with the kind in lower case, e.g.
 * {@code cms:wp-main:page:about} or {@code cms:strapi:block:welcome}. The tag names the content in every locale: tag
 * cached pages (and CDN answers, e.g. as surrogate keys) with the tags of the content they show, and purge by tag
 * when a webhook names it. Tags hold no spaces, so a space-separated header can carry several.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sourceId which configured source the content is in: lower-case letters, digits and hyphens, at most 64
 * @param kind     page or block
 * @param key      the content's key (slug) in that source; no white space, no {@code :}
 * @param locale   the locale that changed, or empty when all may have (WordPress has no locales; Strapi names one)
 */
public record ContentRef(String sourceId, ContentKind kind, String key, Optional<Locale> locale) {

    private static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern KEY = Pattern.compile("[^\\s:]{1,255}");

    public ContentRef {
        requireSourceId(sourceId);
        Objects.requireNonNull(kind, "kind");
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("key must be 1 to 255 characters without white space or ':', got '"
                    + key + "'");
        }
        Objects.requireNonNull(locale, "locale");
    }

    /** The cache tag of this content, in every locale: {@code cms:<sourceId>:<kind>:<key>}. */
    public String cacheTag() {
        return cacheTag(sourceId, kind, key);
    }

    /**
     * The cache tag of {@code key} of {@code kind} in source {@code sourceId}: {@code cms:<sourceId>:<kind>:<key>},
     * the kind in lower case. For tagging what is cached when it is cached.
     */
    public static String cacheTag(String sourceId, ContentKind kind, String key) {
        return "cms:" + sourceId + ":" + kind.name().toLowerCase(Locale.ROOT) + ":" + key;
    }

    /**
     * Checks a source id as configured, e.g. at start-up.
     *
     * @throws IllegalArgumentException unless lower-case letters, digits and hyphens, such as {@code wp-main}
     */
    public static String requireSourceId(String sourceId) {
        if (sourceId == null || !SOURCE_ID.matcher(sourceId).matches()) {
            throw new IllegalArgumentException("sourceId must be 1 to 64 lower-case letters, digits and hyphens,"
                    + " such as 'wp-main', got '" + sourceId + "'");
        }
        return sourceId;
    }
}
