package org.portico.cms.spi;

/**
 * A {@link ContentSource} cannot answer right now: the CMS is down, too slow, or answered something unreadable.
 *
 * <p>This is the "the CMS is unavailable" family, distinct from "not found" (an empty {@code Optional}) and from
 * broken setup (an {@link IllegalStateException} at start-up). Callers serve the last good content or leave the
 * block out; they never show it to the user as an error page.
 *
 * <p>Subclasses say more precisely what happened, e.g. {@link ContentSourceTimeoutException}.
 */
public class ContentUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which source and what failed, without secrets (no tokens or passwords from URLs)
     * @param cause   the underlying failure, may be null
     */
    public ContentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
