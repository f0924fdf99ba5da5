package org.portico.web.problem;

import java.io.Serializable;

/**
 * One rejected field of a request: the field as the REST API's JSON names it ({@code baseUrls},
 * {@code parameters[0].pattern}) and a message for the person who typed it. Problem+json lists them as
 * {@code errors}; the admin pages show each next to its input.
 */
public record FieldMessage(String field, String message) implements Serializable {
}
