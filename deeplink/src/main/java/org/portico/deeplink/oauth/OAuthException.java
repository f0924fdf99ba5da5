package org.portico.deeplink.oauth;

import java.time.Duration;
import java.util.Optional;

/**
 * A token endpoint request was rejected; {@link #error()} is the response to send.
 *
 * <p>"Input rejected" family: map it to {@link OAuthError.Code#httpStatus()} with {@link OAuthError#toJson()} and
 * {@code Cache-Control: no-store}; never to a 500. Its message is the error's safe description. Immutable.
 */
public final class OAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient OAuthError error;
    private final transient Duration retryAfter;

    /** @param description a fixed, safe sentence: never request input */
    public OAuthException(OAuthError.Code code, String description) {
        this(code, description, null);
    }

    private OAuthException(OAuthError.Code code, String description, Duration retryAfter) {
        super(code.value() + ": " + description, null, false, false);
        this.error = new OAuthError(code, description);
        this.retryAfter = retryAfter;
    }

    /** {@code slow_down} (429): try again after {@code wait}, rounded up to whole seconds. */
    public static OAuthException slowDown(Duration wait) {
        long seconds = retryAfterSeconds(wait);
        return new OAuthException(OAuthError.Code.SLOW_DOWN, "Too many failed client authentications; try again in "
                + seconds + (seconds == 1 ? " second." : " seconds."), Duration.ofSeconds(seconds));
    }

    private static long retryAfterSeconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }

    /** For {@code slow_down}: the {@code Retry-After} to send, in whole seconds. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The error response. */
    public OAuthError error() {
        return error;
    }
}
