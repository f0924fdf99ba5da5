package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import org.portico.web.problem.Problems;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.portico.web.filter.CorrelationIds;
import org.portico.web.i18n.Texts;
import org.portico.web.problem.FieldMessage;
import org.portico.web.problem.RejectedException;

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
            JsonArrayBuilder errors = JSON.createArrayBuilder();
            exception.getConstraintViolations().forEach(violation -> errors.add(JSON.createObjectBuilder()
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

    /**
     * A change refused for what was asked ({@link RejectedException}: users, apps, routes): its status and problem
     * type, title and detail in the request's language ({@code Accept-Language}, English when it names none that
     * Portico speaks; {@code Content-Language} says which), and for a refusal of fields an {@code errors} array
     * ({@code field}, {@code message}) listing every one (for an import, fields like
     * {@code routes[3].parameters[0].pattern}).
     */
    @Provider
    public static class Rejected implements ExceptionMapper<RejectedException> {

        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(RejectedException exception) {
            Locale locale = language(headers == null ? List.of() : headers.getAcceptableLanguages());
            Response problem = Problems.response(exception.status(), exception.type(), exception.title(locale),
                    exception.message(locale),
                    exception.hasFieldErrors() ? Map.of("errors", errors(exception.fieldErrors(), locale)) : Map.of());
            problem.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
            return problem;
        }

        /** The first acceptable language that has a bundle of its own, else English. */
        static Locale language(List<Locale> acceptable) {
            return acceptable.stream()
                    .filter(locale -> !locale.getLanguage().isEmpty() && spoken(locale).equals(locale.getLanguage()))
                    .map(locale -> Locale.forLanguageTag(locale.getLanguage()))
                    .findFirst().orElse(Locale.ENGLISH);
        }

        /** The language of the bundle that answers a locale: its own, or English (the root bundle). */
        private static String spoken(Locale locale) {
            String language = Texts.bundle(locale).getLocale().getLanguage();
            return language.isEmpty() ? Locale.ENGLISH.getLanguage() : language;
        }
    }

    /** {@code [{"field": "routes[3].parameters[0].pattern", "message": "…"}, …]}, in English. */
    public static JsonArray errors(List<FieldMessage> fieldErrors) {
        return errors(fieldErrors, Locale.ENGLISH);
    }

    /** {@code [{"field": "routes[3].parameters[0].pattern", "message": "…"}, …]}, each message in {@code locale}. */
    public static JsonArray errors(List<FieldMessage> fieldErrors, Locale locale) {
        JsonArrayBuilder errors = JSON.createArrayBuilder();
        fieldErrors.forEach(error -> errors.add(JSON.createObjectBuilder()
                .add("field", error.field())
                .add("message", error.message(locale))));
        return errors.build();
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
