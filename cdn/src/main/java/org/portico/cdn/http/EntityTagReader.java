package org.portico.cdn.http;

import java.util.Optional;

/** Reads entity tags one at a time from a header value. Not thread-safe; one per parse. */
final class EntityTagReader {

    private final String text;
    private int pos;

    EntityTagReader(String text) {
        this.text = text;
    }

    /** The next tag at the current position (no leading whitespace), or empty when there is no well-formed one. */
    Optional<EntityTag> next() {
        boolean weak = text.startsWith("W/", pos);
        int start = weak ? pos + 2 : pos;
        if (start >= text.length() || text.charAt(start) != '"') {
            return Optional.empty();
        }
        int end = start + 1;
        while (end < text.length() && EntityTag.isEtagChar(text.charAt(end))) {
            end++;
        }
        if (end >= text.length() || text.charAt(end) != '"') {
            return Optional.empty();
        }
        pos = end + 1;
        return Optional.of(new EntityTag(text.substring(start + 1, end), weak));
    }

    /** Skips optional whitespace; true when the next character is a list separator, which is consumed. */
    boolean separator() {
        skipWhitespace();
        if (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
            return true;
        }
        return false;
    }

    /** Skips whitespace and empty list elements (RFC 9110 section 5.6.1: recipients accept {@code , ,}). */
    void skipEmptyElements() {
        skipWhitespace();
        while (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
            skipWhitespace();
        }
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    private void skipWhitespace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }
}
