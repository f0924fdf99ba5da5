package org.portico.web.app;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A change to the app registry was refused because of what was asked, not because anything is broken.
 * The message is written for the person who asked and is safe to show on a page or in problem+json; it never
 * holds a client secret.
 */
public abstract sealed class AppRejectedException extends RuntimeException
        permits AppRejectedException.InvalidApp, AppRejectedException.AppNotFound, AppRejectedException.AppIdTaken,
                AppRejectedException.AudienceTaken, AppRejectedException.StaleApp, AppRejectedException.NoClientSecret,
                AppRejectedException.AppInUse {

    private static final long serialVersionUID = 1L;

    AppRejectedException(String message) {
        super(message);
    }

    /** One or more fields are not acceptable; {@link #errors()} lists every one. */
    public static final class InvalidApp extends AppRejectedException {
        private static final long serialVersionUID = 1L;
        private final List<FieldError> errors;

        public InvalidApp(List<FieldError> errors) {
            super(errors.stream().map(FieldError::message).collect(Collectors.joining(" ")));
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** No app has this id (it may have been deleted meanwhile). */
    public static final class AppNotFound extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        public AppNotFound(String id) {
            super("There is no app with id '" + AppRules.printable(id) + "'. Reload the list; it may have changed.");
        }
    }

    /** Another app already has this id. */
    public static final class AppIdTaken extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        public AppIdTaken(String id) {
            super("The app id '" + id + "' is already taken. Choose another one.");
        }
    }

    /** Another app already has this audience; tokens for one would be accepted by the other. */
    public static final class AudienceTaken extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        public AudienceTaken(String audience, String otherAppId) {
            super("The audience '" + audience + "' belongs to the app '" + otherAppId
                    + "' already. Each app needs an audience of its own.");
        }
    }

    /** Someone else changed the app since it was loaded (optimistic locking). */
    public static final class StaleApp extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        public StaleApp(String id) {
            super("The app '" + id + "' was changed by someone else meanwhile. Reload it and make your change again.");
        }
    }

    /** The app authenticates with private_key_jwt: there is no secret to regenerate. */
    public static final class NoClientSecret extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        public NoClientSecret(String id) {
            super("The app '" + id + "' authenticates with private_key_jwt, so it has no client secret to regenerate.");
        }
    }

    /** Link routes lead into the app: deleting it would break their links silently. */
    public static final class AppInUse extends AppRejectedException {
        private static final long serialVersionUID = 1L;

        public AppInUse(String id, List<String> routes) {
            super("The app '" + id + "' can't be deleted: the link route" + (routes.size() == 1 ? " " : "s ")
                    + routes.stream().limit(20).map(route -> "'" + route + "'").collect(Collectors.joining(", "))
                    + (routes.size() > 20 ? " and " + (routes.size() - 20) + " more" : "")
                    + (routes.size() == 1 ? " leads" : " lead") + " into it. Delete "
                    + (routes.size() == 1 ? "that route" : "those routes") + " or point "
                    + (routes.size() == 1 ? "it" : "them") + " at another target under Routes first,"
                    + " or disable the app instead.");
        }
    }
}
