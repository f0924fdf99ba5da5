package org.portico.deeplink.link;

import java.util.Objects;

/**
 * One problem with a route definition, tied to the field it is about so that forms can show it next to the input
 * and the REST API can report it per field. What it says is a message key with parameters ({@link #text()}: a
 * {@link RouteText} of the core, or a text of the application that stores routes), which the application says in the
 * reader's language; {@link #message()} is its English, for logs, exception messages and tests. Immutable.
 *
 * @param field   the field, in the JSON names of the route format: {@code name}, {@code target.template},
 *                {@code parameters[1].pattern}, …
 * @param text    what is wrong and what is expected, as a key and its parameters
 * @param message the same in English: a sentence a site admin can act on
 */
public record RouteProblem(String field, LinkMessage text, String message) {

    public RouteProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(message, "message");
    }

    /** A problem the core finds: one of its {@link RouteText}s with its parameters. */
    public RouteProblem(String field, RouteText text, Object... params) {
        this(field, text.with(params));
    }

    private RouteProblem(String field, LinkMessage text) {
        this(field, text, text.english());
    }

    /** The same problem about another field, e.g. with a prefix such as {@code routes[3].} added or removed. */
    public RouteProblem about(String otherField) {
        return new RouteProblem(otherField, text, message);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
