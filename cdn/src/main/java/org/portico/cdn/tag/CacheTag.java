package org.portico.cdn.tag;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One cache tag: a name for a piece of content that responses carry in {@code Surrogate-Key} (Fastly, Varnish xkey)
 * and {@code Cache-Tag} (Cloudflare), and that a purge names to make every cached response holding that content go.
 *
 * <p>The two headers separate tags by spaces and by commas, and CDNs take only visible ASCII, so a name is written in a
 * safe form: ASCII letters, digits and {@code - . _ ~ : / @ ! $ & ' ( ) * + ; =} stay as they are, every other
 * character (space, comma, {@code %}, non-ASCII) is percent-encoded as UTF-8. The response headers and the purges both
 * use {@link #value()}, so they always name a tag alike: {@code cms:wp:page:über uns} is {@code
 * cms:wp:page:%C3%BCber%20uns} in both.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the safe form, never blank, at most {@value #MAX_LENGTH} characters
 */
public record CacheTag(String value) {

    /** The longest tag (Cloudflare's and Fastly's limit per tag is 1,024 bytes). */
    public static final int MAX_LENGTH = 1024;

    /**
     * @throws IllegalArgumentException when the value is blank, too long or not in the safe form
     */
    public CacheTag {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A cache tag has 1 to " + MAX_LENGTH + " characters, got "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!safe(c) && !(c == '%' && i + 2 < value.length() && hex(value.charAt(i + 1)) && hex(value.charAt(i + 2)))) {
                throw new IllegalArgumentException("A cache tag holds letters, digits, '-._~:/@!$&'()*+;=' and"
                        + " percent-escapes only, such as 'cms:builtin:page:about'; got '" + value + "'");
            }
        }
    }

    /**
     * The tag of a name, percent-encoding what the headers cannot carry.
     *
     * @throws IllegalArgumentException when the name is empty or its safe form longer than {@value #MAX_LENGTH}
     */
    public static CacheTag of(String name) {
        Objects.requireNonNull(name, "name");
        StringBuilder out = new StringBuilder(name.length());
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && safe(c)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return new CacheTag(out.toString());
    }

    private static boolean safe(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~:/@!$&'()*+;=".indexOf(c) >= 0;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }

    @Override
    public String toString() {
        return value;
    }
}
