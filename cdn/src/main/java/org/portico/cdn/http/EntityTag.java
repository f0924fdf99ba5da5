package org.portico.cdn.http;

import java.util.Objects;
import java.util.Optional;

import org.portico.cdn.fingerprint.ContentHash;

/**
 * An HTTP entity tag (RFC 9110 section 8.8.3): an opaque tag, strong or weak.
 *
 * <p>{@link #of(ContentHash)} gives the strong tag Portico uses for content it serves: the full SHA-256, so that equal
 * bytes always have equal tags on every node of a cluster.
 *
 * <p>Immutable and thread-safe.
 *
 * @param opaqueTag the characters between the quotes: {@code %x21 / %x23-7E / %x80-FF}, may be empty
 * @param weak      whether the tag is weak ({@code W/"…"})
 */
public record EntityTag(String opaqueTag, boolean weak) {

    /**
     * @throws IllegalArgumentException when {@code opaqueTag} has a character outside {@code etagc}
     */
    public EntityTag {
        Objects.requireNonNull(opaqueTag, "opaqueTag");
        for (int i = 0; i < opaqueTag.length(); i++) {
            if (!isEtagChar(opaqueTag.charAt(i))) {
                throw new IllegalArgumentException("entity tag may hold only visible ASCII other than '\"', got '"
                        + opaqueTag + "'");
            }
        }
    }

    /** A strong tag. */
    public static EntityTag strong(String opaqueTag) {
        return new EntityTag(opaqueTag, false);
    }

    /** A weak tag. */
    public static EntityTag weak(String opaqueTag) {
        return new EntityTag(opaqueTag, true);
    }

    /** The strong tag for content with this hash. */
    public static EntityTag of(ContentHash hash) {
        return strong(hash.value());
    }

    /**
     * Reads one entity tag, e.g. {@code "abc"} or {@code W/"abc"}; empty when {@code text} is null or not exactly one
     * well-formed tag.
     */
    public static Optional<EntityTag> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        EntityTagReader reader = new EntityTagReader(text.strip());
        Optional<EntityTag> tag = reader.next();
        return reader.atEnd() ? tag : Optional.empty();
    }

    /** Strong comparison (RFC 9110 section 8.8.3.2): both strong and the opaque tags equal. */
    public boolean strongMatch(EntityTag other) {
        return !weak && !other.weak && opaqueTag.equals(other.opaqueTag);
    }

    /** Weak comparison (RFC 9110 section 8.8.3.2): the opaque tags equal, either or both may be weak. */
    public boolean weakMatch(EntityTag other) {
        return opaqueTag.equals(other.opaqueTag);
    }

    /** The header form, e.g. {@code "abc"} or {@code W/"abc"}. */
    public String toHeaderValue() {
        return (weak ? "W/\"" : "\"") + opaqueTag + "\"";
    }

    @Override
    public String toString() {
        return toHeaderValue();
    }

    static boolean isEtagChar(char c) {
        return c == 0x21 || c >= 0x23 && c <= 0x7E || c >= 0x80 && c <= 0xFF;
    }
}
