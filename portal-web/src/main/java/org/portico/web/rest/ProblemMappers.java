package org.portico.web.rest;

import org.portico.web.problem.Problems;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.portico.web.app.AppRejectedException;
import org.portico.web.filter.CorrelationIds;
import org.portico.web.link.RouteRejectedException;
import org.portico.web.user.UserRejectedException;

/**
 * Maps every exception that leaves a resource to problem+json, once, here. Rejected input says what was wrong;
 * anything unexpected becomes a 500 whose only detail is a correlation id that is also in the log line.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    /** The detail of a 401: the request carries no login. */
    static final String NOT_LOGGED_IN = "Log in to Portico first.";
    /** The detail of a 403 from {@code @RolesAllowed}: logged in, without the role. */
    static final String NOT_SITE_ADMIN = "Only site admins may do this.";

    private ProblemMappers() {
    }

    /** 4xx/5xx thrown on purpose (404 for unknown paths, 405, 415, ...), keeping their status. */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException exception) {
            Response.StatusType status = exception.getResponse().getStatusInfo();
            if (status.getStatusCode() >= 500) {
                return Unexpected.respond(exception);
            }
            Response problem = Problems.response(status.getStatusCode(), status.getReasonPhrase(), safeDetail(exception));
            exception.getResponse().getHeaders().forEach((name, values) -> {
                if (name.equalsIgnoreCase("Allow") || name.equalsIgnoreCase("WWW-Authenticate")
                        || name.equalsIgnoreCase("Retry-After")) {
                    values.forEach(value -> problem.getHeaders().add(name, value));
                }
            });
            return problem;
        }

        /** The messages RESTEasy puts on its own exceptions may echo input; only ours are shown. */
        private static String safeDetail(WebApplicationException exception) {
            if (exception instanceof ApiProblemException) {
                return exception.getMessage();
            }
            return exception.getResponse().getStatus() == 401 ? NOT_LOGGED_IN : null;
        }
    }

    /**
     * A refusal of {@code @RolesAllowed} (RESTEasy's role-based security, web.xml): RESTEasy answers
     * {@link ForbiddenException} whether or not anyone is logged in, so a guest gets 401 here and a user without the
     * role 403. Site admin is the only role a resource asks for beyond a login, so the 403 names it.
     */
    @Provider
    public static class Forbidden implements ExceptionMapper<ForbiddenException> {

        @Context
        SecurityContext security;

        @Override
        public Response toResponse(ForbiddenException exception) {
            return security.getUserPrincipal() == null
                    ? Problems.response(401, "Unauthorized", NOT_LOGGED_IN)
                    : Problems.response(403, "Forbidden", NOT_SITE_ADMIN);
        }
    }

    /** Bean Validation on resource parameters: 400 with every violation listed. */
    @Provider
    public static class ConstraintViolation implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException exception) {
            JsonArrayBuilder errors = Json.createArrayBuilder();
            exception.getConstraintViolations().forEach(violation -> errors.add(Json.createObjectBuilder()
                    .add("field", lastNode(violation.getPropertyPath().toString()))
                    .add("message", violation.getMessage())));
            return Problems.response(400, "invalid-request", "The request is not valid",
                    "See 'errors' for what to correct.", Map.of("errors", errors.build()));
        }

        private static String lastNode(String path) {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? path : path.substring(dot + 1);
        }
    }

    /** A user-store change refused for a business reason. */
    @Provider
    public static class UserRejected implements ExceptionMapper<UserRejectedException> {
        @Override
        public Response toResponse(UserRejectedException exception) {
            int status = exception instanceof UserRejectedException.UserNotFound ? 404
                    : exception instanceof UserRejectedException.UsernameTaken ? 409 : 400;
            return Problems.response(status, "user-rejected", "The change was not accepted", exception.getMessage(), Map.of());
        }
    }

    /**
     * An app registry change refused for what was asked: 400 with an {@code errors} array ({@code field},
     * {@code message}) listing every invalid field, 404 for an unknown app, 409 for a taken id or audience, a stale
     * version or a secret that can't be regenerated.
     */
    @Provider
    public static class AppRejected implements ExceptionMapper<AppRejectedException> {
        @Override
        public Response toResponse(AppRejectedException exception) {
            if (exception instanceof AppRejectedException.InvalidApp invalid) {
                JsonArrayBuilder errors = Json.createArrayBuilder();
                invalid.errors().forEach(error -> errors.add(Json.createObjectBuilder()
                        .add("field", error.field())
                        .add("message", error.message())));
                return Problems.response(400, "invalid-app", "The app registration is not valid",
                        "See 'errors' for what to correct.", Map.of("errors", errors.build()));
            }
            if (exception instanceof AppRejectedException.AppNotFound) {
                return Problems.response(404, "app-not-found", "No such app", exception.getMessage(), Map.of());
            }
            return Problems.response(409, "app-conflict", "The change conflicts with the registry",
                    exception.getMessage(), Map.of());
        }
    }

    /**
     * A link route change refused for what was asked: 400 with an {@code errors} array ({@code field},
     * {@code message}) listing every problem (for an import, fields like {@code routes[3].parameters[0].pattern}),
     * 404 for an unknown route, 409 for a taken name or a stale version.
     */
    @Provider
    public static class RouteRejected implements ExceptionMapper<RouteRejectedException> {
        @Override
        public Response toResponse(RouteRejectedException exception) {
            if (exception instanceof RouteRejectedException.InvalidRoute invalid) {
                return Problems.response(400, "invalid-route", "The link route is not valid",
                        "See 'errors' for what to correct.", Map.of("errors", errors(invalid.problems())));
            }
            if (exception instanceof RouteRejectedException.RouteNotFound) {
                return Problems.response(404, "route-not-found", "No such route", exception.getMessage(), Map.of());
            }
            return Problems.response(409, "route-conflict", "The change conflicts with the stored routes",
                    exception.getMessage(), Map.of());
        }

        /** {@code [{"field": "routes[3].parameters[0].pattern", "message": "…"}, …]} */
        static jakarta.json.JsonArray errors(java.util.List<org.portico.deeplink.link.RouteProblem> problems) {
            JsonArrayBuilder errors = Json.createArrayBuilder();
            problems.forEach(problem -> errors.add(Json.createObjectBuilder()
                    .add("field", problem.field())
                    .add("message", problem.message())));
            return errors.build();
        }
    }

    /** Anything else is our bug: log it with an id, show only the id. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable exception) {
            return respond(exception);
        }

        static Response respond(Throwable exception) {
            String id = CorrelationIds.next();
            LOG.log(Level.SEVERE, exception, () -> "Error id " + id + ": API request failed");
            return Problems.response(500, "internal-error", "Something went wrong on our side",
                    "Quote error id " + id + " when you report this.", Map.of("errorId", id));
        }
    }
}
