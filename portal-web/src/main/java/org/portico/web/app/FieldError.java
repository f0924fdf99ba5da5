package org.portico.web.app;

import java.io.Serializable;

/**
 * One rejected field of an app registration: the field as the REST API names it ({@code baseUrls}) and a message
 * for the person who typed it.
 */
public record FieldError(String field, String message) implements Serializable {
}
