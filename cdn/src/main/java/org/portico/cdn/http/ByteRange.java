package org.portico.cdn.http;

import java.util.List;
import java.util.Optional;

/**
 * The one byte range of a {@code Range} request (RFC 9110 section 14.2) that Portico answers with 206, resolved
 * against the representation's length.
 *
 * <p>{@link #parse} reads {@code bytes=first-last}, {@code bytes=first-} and {@code bytes=-suffix}. Anything else —
 * several ranges, another unit, a malformed field — is {@link Request#IGNORED}: the server sends the whole
 * representation with 200, which RFC 9110 allows for every range request. A well-formed range that lies beyond the
 * end is {@link Request#UNSATISFIABLE} (416).
 *
 * @param first  offset of the first byte, from 0
 * @param length how many bytes, at least 1
 * @param total  the representation's length
 */
public record ByteRange(long first, long length, long total) {

    /** Longest {@code Range} field read; longer ones are ignored. */
    public static final int MAX_FIELD_LENGTH = 256;

    /** What a {@code Range} field asks of a representation. */
    public sealed interface Request {
        /** No range, or one Portico does not serve: send everything (200). */
        Request IGNORED = new Ignored();
        /** A range that does not overlap the representation (416). */
        Request UNSATISFIABLE = new Unsatisfiable();
    }

    /** See {@link Request#IGNORED}. */
    public record Ignored() implements Request {
    }

    /** See {@link Request#UNSATISFIABLE}. */
    public record Unsatisfiable() implements Request {
    }

    /** A satisfiable single range (206). */
    public record Satisfiable(ByteRange range) implements Request {
    }

    public ByteRange {
        if (first < 0 || length < 1 || total < 1 || first + length > total) {
            throw new IllegalArgumentException("not a range within the content: first " + first + ", length "
                    + length + ", total " + total);
        }
    }

    /**
     * Reads the {@code Range} field lines against a representation of {@code total} bytes.
     *
     * @param fieldLines as received, none when the request had no {@code Range}
     */
    public static Request parse(List<String> fieldLines, long total) {
        if (fieldLines.size() != 1 || fieldLines.get(0).length() > MAX_FIELD_LENGTH) {
            return Request.IGNORED;
        }
        String field = fieldLines.get(0).strip();
        if (!field.regionMatches(true, 0, "bytes=", 0, 6)) {
            return Request.IGNORED;
        }
        String spec = field.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return Request.IGNORED;
        }
        Optional<Long> start = digits(spec.substring(0, dash).strip());
        Optional<Long> end = digits(spec.substring(dash + 1).strip());
        if (dash == 0) {
            if (end.isEmpty()) {
                return Request.IGNORED;
            }
            long suffix = Math.min(end.get(), total);
            return suffix == 0 || total == 0 ? Request.UNSATISFIABLE
                    : new Satisfiable(new ByteRange(total - suffix, suffix, total));
        }
        if (start.isEmpty() || dash < spec.length() - 1 && end.isEmpty()) {
            return Request.IGNORED;
        }
        long first = start.get();
        long last = end.map(value -> Math.min(value, total - 1)).orElse(total - 1);
        if (end.isPresent() && end.get() < first) {
            return Request.IGNORED;
        }
        if (first >= total) {
            return Request.UNSATISFIABLE;
        }
        return new Satisfiable(new ByteRange(first, last - first + 1, total));
    }

    /** The {@code Content-Range} of a 206: {@code bytes first-last/total}. */
    public String contentRange() {
        return "bytes " + first + "-" + (first + length - 1) + "/" + total;
    }

    /** The {@code Content-Range} of a 416 for a representation of {@code total} bytes: {@code bytes *}{@code /total}. */
    public static String unsatisfied(long total) {
        return "bytes */" + total;
    }

    private static Optional<Long> digits(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }
}
