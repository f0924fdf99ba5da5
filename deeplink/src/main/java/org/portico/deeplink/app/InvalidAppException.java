package org.portico.deeplink.app;

import java.util.List;

/**
 * An app registration was rejected: one or more of its values are invalid. All problems are listed at once, each a
 * sentence a site admin can act on ("id must be 2 to 63 characters of a-z, 0-9 and '-', starting with a letter or
 * digit, e.g. 'billing', got 'Billing App'").
 *
 * <p>"Input rejected" family: the admin UI shows {@link #problems()} next to the form, the REST API answers 400.
 * Immutable.
 */
public final class InvalidAppException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    InvalidAppException(List<String> problems) {
        super("invalid app registration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order of the fields. */
    public List<String> problems() {
        return problems;
    }
}
