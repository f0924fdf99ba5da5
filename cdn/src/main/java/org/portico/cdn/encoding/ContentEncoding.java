package org.portico.cdn.encoding;

import java.util.Locale;
import java.util.Optional;

/**
 * The content codings Portico sends assets in (RFC 9110 section 8.4.1), in the order it prefers them when a client
 * accepts several equally: brotli is the smallest, gzip is understood by every client, identity is the content as is.
 */
public enum ContentEncoding {

    /** {@code br} (RFC 7932). */
    BROTLI("br", "br"),
    /** {@code gzip} (RFC 1952). */
    GZIP("gzip", "gz"),
    /** No coding: the content itself. */
    IDENTITY("identity", "");

    private final String token;
    private final String tagSuffix;

    ContentEncoding(String token, String tagSuffix) {
        this.token = token;
        this.tagSuffix = tagSuffix;
    }

    /** The coding's name in {@code Accept-Encoding} and {@code Content-Encoding}, e.g. {@code br}. */
    public String token() {
        return token;
    }

    /**
     * What tells this coding's representation apart in its entity tag: each coding of a content is a representation
     * of its own and needs a tag of its own (RFC 9110 section 8.8.3), empty for identity.
     */
    public String tagSuffix() {
        return tagSuffix;
    }

    /** The coding a token names, case-insensitively; {@code x-gzip} is gzip (RFC 9110 section 8.4.1.3). */
    public static Optional<ContentEncoding> ofToken(String token) {
        String lower = token.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("x-gzip")) {
            return Optional.of(GZIP);
        }
        for (ContentEncoding encoding : values()) {
            if (encoding.token.equals(lower)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }
}
