package org.portico.cdn.purge;

import java.util.Objects;
import java.util.Set;

/**
 * What one purge asks a CDN to forget: responses carrying any of the cache {@code tags} (the values Portico sends in
 * {@code Surrogate-Key} and {@code Cache-Tag}), and the responses of the {@code urls} (absolute, on the public host the
 * CDN serves).
 *
 * <p>Immutable. At least one tag or URL; each set holds no blanks.
 *
 * @param tags cache tags, such as {@code cms:builtin:page:about}
 * @param urls absolute URLs, such as {@code https://portal.example.com/p/about}
 */
public record Purge(Set<String> tags, Set<String> urls) {

    /**
     * @throws IllegalArgumentException when both sets are empty or a value is blank
     */
    public Purge {
        tags = Set.copyOf(Objects.requireNonNull(tags, "tags"));
        urls = Set.copyOf(Objects.requireNonNull(urls, "urls"));
        if (tags.isEmpty() && urls.isEmpty()) {
            throw new IllegalArgumentException("A purge names at least one tag or URL");
        }
        if (tags.stream().anyMatch(String::isBlank) || urls.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("A purge's tags and URLs are not blank");
        }
    }

    /** A purge of responses carrying any of the tags. */
    public static Purge ofTags(Set<String> tags) {
        return new Purge(tags, Set.of());
    }

    /** A purge of the URLs' responses. */
    public static Purge ofUrls(Set<String> urls) {
        return new Purge(Set.of(), urls);
    }
}
