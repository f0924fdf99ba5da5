package org.portico.web.user;

import org.portico.web.problem.RejectedException;

/**
 * A change to the user store was refused because of what was asked, not because anything is broken.
 * The message is written for the person who asked and is safe to show on a page or in problem+json
 * (type {@code user-rejected}).
 */
public abstract sealed class UserRejectedException extends RejectedException
        permits UserRejectedException.UsernameTaken, UserRejectedException.UserNotFound,
                UserRejectedException.LastSiteAdmin, UserRejectedException.WeakPassword,
                UserRejectedException.InvalidUser {

    private static final long serialVersionUID = 1L;

    private static final String TYPE = "user-rejected";

    UserRejectedException(int status, String key, Object... params) {
        super(status, TYPE, key, params);
    }

    /** Another user already has this username. */
    public static final class UsernameTaken extends UserRejectedException {
        private static final long serialVersionUID = 1L;

        public UsernameTaken(String username) {
            super(409, "problem.user.username-taken", username);
        }
    }

    /** No user has this id (it may have been removed meanwhile). */
    public static final class UserNotFound extends UserRejectedException {
        private static final long serialVersionUID = 1L;

        public UserNotFound(Object id) {
            super(404, "problem.user.not-found", String.valueOf(id));
        }
    }

    /** The change would leave Portico without an enabled site admin. */
    public static final class LastSiteAdmin extends UserRejectedException {
        private static final long serialVersionUID = 1L;

        public LastSiteAdmin() {
            super(400, "problem.user.last-site-admin");
        }
    }

    /** The password does not meet the password policy; the message says what a valid one looks like. */
    public static final class WeakPassword extends UserRejectedException {
        private static final long serialVersionUID = 1L;

        /** @param key the bundle key of the reason ({@code problem.user.password.*}), with its parameters */
        public WeakPassword(String key, Object... params) {
            super(400, key, params);
        }
    }

    /** A field value is not acceptable (format, length). */
    public static final class InvalidUser extends UserRejectedException {
        private static final long serialVersionUID = 1L;

        /** @param key the bundle key of the reason ({@code problem.user.<field>.*}), with its parameters */
        public InvalidUser(String key, Object... params) {
            super(400, key, params);
        }
    }
}
