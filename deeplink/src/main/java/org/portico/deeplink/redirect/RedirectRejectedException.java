package org.portico.deeplink.redirect;

import java.util.Objects;

/**
 * A redirect target was rejected: it is not a safe local path, or it points outside the registered apps.
 *
 * <p>This is the "input was rejected" family: callers answer it with a friendly page or a 400, never a 500.
 * The message never echoes the raw target (it may carry CR/LF or markup meant for a log or a page); the
 * {@link #reason()} says what was wrong, for analytics and tests.
 *
 * <p>Instances are immutable.
 */
public final class RedirectRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a target was rejected. */
    public enum Reason {
        /** Null, empty or longer than the guard accepts. */
        EMPTY_OR_TOO_LONG,
        /** Control characters, whitespace, backslashes, non-ASCII or characters that are never valid in a URL. */
        ILLEGAL_CHARACTER,
        /** Percent-encoded slashes, backslashes, dots, percent signs or control characters; malformed escapes. */
        ENCODED_DELIMITER,
        /** A local target that is not an absolute path on this origin: a scheme, {@code //host}, {@code user@host}. */
        NOT_LOCAL,
        /** Dot segments that climb above the root (local) or appear at all (app targets). */
        PATH_TRAVERSAL,
        /** An app target that does not parse as an absolute http(s) URI with a host. */
        MALFORMED,
        /** An app target with user information ({@code user@host}) in its authority. */
        USERINFO,
        /** An app target outside every registered base URL (scheme, host, port or path prefix differ). */
        NOT_ALLOWED
    }

    private final Reason reason;

    RedirectRejectedException(Reason reason) {
        super("redirect target rejected: " + reason);
        this.reason = Objects.requireNonNull(reason);
    }

    /** What was wrong with the target. */
    public Reason reason() {
        return reason;
    }
}
