package org.portico.deeplink.link;

import java.util.Objects;

/**
 * One problem with a route definition, tied to the field it is about so that forms can show it next to the input
 * and the REST API can report it per field.
 *
 * @param field   the field, in the JSON names of the route format: {@code name}, {@code target.template},
 *                {@code parameters[1].pattern}, …
 * @param message a sentence a site admin can act on: what is wrong and what is expected
 */
public record RouteProblem(String field, String message) {

    public RouteProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
