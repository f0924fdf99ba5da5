package org.portico.cdn.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code If-None-Match} precondition of a request (RFC 9110 section 13.1.2).
 *
 * <p>Use it as: {@code IfNoneMatch.parse(lines).filter(c -> c.matches(etag))} present → answer 304 to GET and HEAD
 * (412 to other methods). A malformed field is treated as absent, so the client simply gets the full response.
 *
 * <p>Immutable and thread-safe.
 *
 * @param any  whether the field is {@code *} (any current representation)
 * @param tags the listed tags when not {@code *}; copied
 */
public record IfNoneMatch(boolean any, List<EntityTag> tags) {

    /** Field values longer than this are ignored rather than parsed. */
    public static final int MAX_FIELD_LENGTH = 8192;

    public IfNoneMatch {
        tags = List.copyOf(tags);
        if (any && !tags.isEmpty()) {
            throw new IllegalArgumentException("If-None-Match is either '*' or a list of tags, not both");
        }
    }

    /**
     * Reads the field from all its lines (a header may be repeated; the lines form one comma-separated list).
     *
     * @param fieldLines the values of every {@code If-None-Match} line of the request, possibly none
     * @return empty when the request has no such field, or when it is malformed or longer than
     *         {@value #MAX_FIELD_LENGTH} characters
     */
    public static Optional<IfNoneMatch> parse(List<String> fieldLines) {
        if (fieldLines == null || fieldLines.isEmpty()) {
            return Optional.empty();
        }
        String value = String.join(",", fieldLines).strip();
        if (value.length() > MAX_FIELD_LENGTH) {
            return Optional.empty();
        }
        if (value.equals("*")) {
            return Optional.of(new IfNoneMatch(true, List.of()));
        }
        EntityTagReader reader = new EntityTagReader(value);
        List<EntityTag> tags = new ArrayList<>();
        reader.skipEmptyElements();
        while (!reader.atEnd()) {
            Optional<EntityTag> tag = reader.next();
            if (tag.isEmpty()) {
                return Optional.empty();
            }
            tags.add(tag.get());
            if (!reader.separator() && !reader.atEnd()) {
                return Optional.empty();
            }
            reader.skipEmptyElements();
        }
        return tags.isEmpty() ? Optional.empty() : Optional.of(new IfNoneMatch(false, tags));
    }

    /**
     * Whether the client already holds the current representation, i.e. the condition is false: {@code *} matches any
     * existing representation, a list matches when one tag equals {@code current} by weak comparison.
     */
    public boolean matches(EntityTag current) {
        return any || tags.stream().anyMatch(tag -> tag.weakMatch(current));
    }
}
