package org.portico.web.link;

import java.util.List;
import java.util.stream.Collectors;

import org.portico.deeplink.link.RouteProblem;
import org.portico.web.app.AppRules;

/**
 * A change to the link routes was refused because of what was asked, not because anything is broken. The message is
 * written for the site admin who asked and is safe to show on a page or in problem+json.
 */
public abstract sealed class RouteRejectedException extends RuntimeException
        permits RouteRejectedException.InvalidRoute, RouteRejectedException.RouteNotFound,
                RouteRejectedException.RouteNameTaken, RouteRejectedException.StaleRoute {

    private static final long serialVersionUID = 1L;

    RouteRejectedException(String message) {
        super(message);
    }

    /**
     * One or more values are not acceptable; {@link #problems()} lists every one, tied to its field in the JSON names
     * of the route format ({@code target.template}, {@code parameters[0].pattern}; for an import
     * {@code routes[3].parameters[0].pattern}).
     */
    public static final class InvalidRoute extends RouteRejectedException {
        private static final long serialVersionUID = 1L;
        private final transient List<RouteProblem> problems;

        public InvalidRoute(List<RouteProblem> problems) {
            super(problems.stream().map(RouteProblem::toString).collect(Collectors.joining("; ")));
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid route has at least one problem");
            }
            this.problems = List.copyOf(problems);
        }

        public List<RouteProblem> problems() {
            return problems;
        }
    }

    /** No route has this name (it may have been deleted meanwhile). */
    public static final class RouteNotFound extends RouteRejectedException {
        private static final long serialVersionUID = 1L;

        public RouteNotFound(String name) {
            super("There is no route named '" + AppRules.printable(name) + "'. Reload the list; it may have changed.");
        }
    }

    /** Another route already has this name. */
    public static final class RouteNameTaken extends RouteRejectedException {
        private static final long serialVersionUID = 1L;

        public RouteNameTaken(String name) {
            super("The route name '" + name + "' is already taken. Choose another one, or edit that route.");
        }
    }

    /** Someone else changed the route since it was loaded (optimistic locking). */
    public static final class StaleRoute extends RouteRejectedException {
        private static final long serialVersionUID = 1L;

        public StaleRoute(String name) {
            super("The route '" + name + "' was changed by someone else meanwhile. Reload it and make your change again.");
        }
    }
}
