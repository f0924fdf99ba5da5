package org.portico.cdn.tag;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cache tags of one response, in the two header forms CDNs read: {@code Surrogate-Key} (space-separated; Fastly,
 * and Varnish copies it into xkey) and {@code Cache-Tag} (comma-separated; Cloudflare).
 *
 * <p>A response whose tags do not fit {@link #fits(int) a header budget} must not go into a shared cache: a CDN
 * truncates or drops an oversized header, and content it kept without its tags could never be purged.
 *
 * <p>Immutable and thread-safe; the tags keep the order they were first added in.
 */
public final class CacheTags {

    private static final CacheTags NONE = new CacheTags(Set.of());

    private final Set<CacheTag> tags;

    private CacheTags(Set<CacheTag> tags) {
        this.tags = tags;
    }

    /** No tags. */
    public static CacheTags none() {
        return NONE;
    }

    /** These tags, duplicates once, in order. */
    public static CacheTags of(Collection<CacheTag> tags) {
        Objects.requireNonNull(tags, "tags");
        return tags.isEmpty() ? NONE : new CacheTags(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tags)));
    }

    /** The tags, in the order they were first added. */
    public Set<CacheTag> tags() {
        return tags;
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }

    /** {@code Surrogate-Key}: the tags separated by single spaces. */
    public String surrogateKey() {
        return tags.stream().map(CacheTag::value).collect(Collectors.joining(" "));
    }

    /** {@code Cache-Tag}: the tags separated by commas. */
    public String cacheTag() {
        return tags.stream().map(CacheTag::value).collect(Collectors.joining(","));
    }

    /**
     * Whether both headers stay within {@code maxBytes} each (the tags are ASCII: a character is a byte).
     *
     * @throws IllegalArgumentException when {@code maxBytes} is not positive
     */
    public boolean fits(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        long length = tags.stream().mapToLong(tag -> tag.value().length()).sum() + Math.max(0, tags.size() - 1);
        return length <= maxBytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheTags that && tags.equals(that.tags);
    }

    @Override
    public int hashCode() {
        return tags.hashCode();
    }

    @Override
    public String toString() {
        return surrogateKey();
    }
}
