package org.portico.web.user;

/**
 * A change to the user store was refused because of what was asked, not because anything is broken.
 * The message is written for the person who asked and is safe to show on a page or in problem+json.
 */
public abstract sealed class UserRejectedException extends RuntimeException
        permits UserRejectedException.UsernameTaken, UserRejectedException.UserNotFound,
                UserRejectedException.LastSiteAdmin, UserRejectedException.WeakPassword,
                UserRejectedException.InvalidUser {

    private static final long serialVersionUID = 1L;

    UserRejectedException(String message) {
        super(message);
    }

    /** Another user already has this username. */
    public static final class UsernameTaken extends UserRejectedException {
        private static final long serialVersionUID = 1L;

        public UsernameTaken(String username) {
            super("The username '" + username + "' is already taken. Choose another one.");
        }
    }

    /** No user has this id (it may have been removed meanwhile). */
    public static final class UserNotFound extends UserRejectedException {
        private static final long serialVersionUID = 1L;

        public UserNotFound(Object id) {
            super("There is no user with id " + id + ". Reload the list; it may have changed.");
        }
    }

    /** The change would leave Portico without an enabled site admin. */
    public static final class LastSiteAdmin extends UserRejectedException {
        private static final long serialVersionUID = 1L;

        public LastSiteAdmin() {
            super("This is the last enabled site admin. Make another user site admin first.");
        }
    }

    /** The password does not meet the password policy. */
    public static final class WeakPassword extends UserRejectedException {
        private static final long serialVersionUID = 1L;

        public WeakPassword(String reason) {
            super(reason);
        }
    }

    /** A field value is not acceptable (format, length). */
    public static final class InvalidUser extends UserRejectedException {
        private static final long serialVersionUID = 1L;

        public InvalidUser(String reason) {
            super(reason);
        }
    }
}
