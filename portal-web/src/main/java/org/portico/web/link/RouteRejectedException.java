package org.portico.web.link;

import java.util.List;
import java.util.stream.Collectors;

import org.portico.deeplink.link.RouteProblem;
import org.portico.web.app.AppRules;
import org.portico.web.problem.FieldMessage;
import org.portico.web.problem.RejectedException;

/**
 * A change to the link routes was refused because of what was asked, not because anything is broken. The message is
 * written for the site admin who asked and is safe to show on a page or in problem+json. Problem types:
 * {@code invalid-route} (400, every problem listed by field), {@code route-not-found} (404), {@code route-conflict}
 * (409: a taken name or a stale version).
 */
public abstract sealed class RouteRejectedException extends RejectedException
        permits RouteRejectedException.InvalidRoute, RouteRejectedException.RouteNotFound,
                RouteRejectedException.RouteNameTaken, RouteRejectedException.StaleRoute {

    private static final long serialVersionUID = 1L;

    RouteRejectedException(int status, String type, String key, Object... params) {
        super(status, type, key, params);
    }

    RouteRejectedException(List<FieldMessage> fieldErrors, String summary) {
        super(400, "invalid-route", fieldErrors, summary);
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
            super(fieldMessages(problems), problems.stream().map(RouteProblem::toString).collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        private static List<FieldMessage> fieldMessages(List<RouteProblem> problems) {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid route has at least one problem");
            }
            return problems.stream().map(RouteProblems::fieldMessage).toList();
        }

        public List<RouteProblem> problems() {
            return problems;
        }
    }

    /** No route has this name (it may have been deleted meanwhile). */
    public static final class RouteNotFound extends RouteRejectedException {
        private static final long serialVersionUID = 1L;

        public RouteNotFound(String name) {
            super(404, "route-not-found", "problem.route.not-found", AppRules.printable(name));
        }
    }

    /** Another route already has this name. */
    public static final class RouteNameTaken extends RouteRejectedException {
        private static final long serialVersionUID = 1L;

        public RouteNameTaken(String name) {
            super(409, "route-conflict", "problem.route.name-taken", name);
        }
    }

    /** Someone else changed the route since it was loaded (optimistic locking). */
    public static final class StaleRoute extends RouteRejectedException {
        private static final long serialVersionUID = 1L;

        public StaleRoute(String name) {
            super(409, "route-conflict", "problem.route.stale", name);
        }
    }
}
