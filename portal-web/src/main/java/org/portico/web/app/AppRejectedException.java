package org.portico.web.app;

import java.util.List;
import java.util.stream.Collectors;

import org.portico.web.problem.FieldMessage;
import org.portico.web.problem.RejectedException;

/**
 * A change to the app registry was refused because of what was asked, not because anything is broken.
 * The message is written for the person who asked and is safe to show on a page or in problem+json; it never
 * holds a client secret. Problem types: {@code invalid-app} (400, every invalid field listed), {@code app-not-found}
 * (404), {@code app-conflict} (409: a taken id or audience, a stale version, a secret that can't be regenerated,
 * routes that lead into the app).
 */
public abstract sealed class AppRejectedException extends RejectedException
        permits AppRejectedException.InvalidApp, AppRejectedException.AppNotFound, AppRejectedException.AppIdTaken,
                AppRejectedException.AudienceTaken, AppRejectedException.StaleApp, AppRejectedException.NoClientSecret,
                AppRejectedException.AppInUse {

    private static final long serialVersionUID = 1L;

    /** The problem type of a conflict with the registry as it is. */
    private static final String CONFLICT = "app-conflict";

    /** How many route names a refusal to delete lists before it says "and n more". */
    private static final int LISTED_ROUTES = 20;

    AppRejectedException(int status, String type, String key, Object... params) {
        super(status, type, key, params);
    }

    AppRejectedException(List<FieldMessage> fieldErrors, String summary) {
        super(400, "invalid-app", fieldErrors, summary);
    }

    /** One or more fields are not acceptable; {@link #errors()} lists every one. */
    public static final class InvalidApp extends AppRejectedException {
        private static final long serialVersionUID = 1L;
        private final List<FieldMessage> errors;

        public InvalidApp(List<FieldMessage> errors) {
            super(errors,
                    errors.stream().map(FieldMessage::message).collect(Collectors.joining(" ")));
            this.errors = List.copyOf(errors);
        }

        public List<FieldMessage> errors() {
            return errors;
        }
    }

    /** No app has this id (it may have been deleted meanwhile). */
    public static final class AppNotFound extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        public AppNotFound(String id) {
            super(404, "app-not-found", "problem.app.not-found", AppRules.printable(id));
        }
    }

    /** Another app already has this id. */
    public static final class AppIdTaken extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        public AppIdTaken(String id) {
            super(409, CONFLICT, "problem.app.id-taken", id);
        }
    }

    /** Another app already has this audience; tokens for one would be accepted by the other. */
    public static final class AudienceTaken extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        public AudienceTaken(String audience, String otherAppId) {
            super(409, CONFLICT, "problem.app.audience-taken", audience, otherAppId);
        }
    }

    /** Someone else changed the app since it was loaded (optimistic locking). */
    public static final class StaleApp extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        public StaleApp(String id) {
            super(409, CONFLICT, "problem.app.stale", id);
        }
    }

    /** The app authenticates with private_key_jwt: there is no secret to regenerate. */
    public static final class NoClientSecret extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        public NoClientSecret(String id) {
            super(409, CONFLICT, "problem.app.no-client-secret", id);
        }
    }

    /** Link routes lead into the app: deleting it would break their links silently. */
    public static final class AppInUse extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        /** @param routes at least one route name; the message names the first twenty and counts the rest */
        public AppInUse(String id, List<String> routes) {
            super(409, CONFLICT, "problem.app.in-use", id, routes.size(),
                    routes.stream().limit(LISTED_ROUTES).map(route -> "'" + route + "'").collect(Collectors.joining(", ")),
                    unlisted(routes), String.valueOf(unlisted(routes)));
        }

        private static int unlisted(List<String> routes) {
            return Math.max(0, routes.size() - LISTED_ROUTES);
        }
    }
}
