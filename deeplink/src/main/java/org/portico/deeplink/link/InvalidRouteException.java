package org.portico.deeplink.link;

import java.util.List;

/**
 * A route definition was rejected: one or more of its values are invalid. Every problem is listed at once, each tied to
 * its field. "Input rejected" family: the admin UI shows the problems next to the form, the REST API answers 400 with
 * them. Immutable.
 */
public final class InvalidRouteException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<RouteProblem> problems;

    public InvalidRouteException(List<RouteProblem> problems) {
        super("invalid link route: " + problems);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid route has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order of the fields. */
    public List<RouteProblem> problems() {
        return problems;
    }
}
