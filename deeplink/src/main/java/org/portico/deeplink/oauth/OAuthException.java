package org.portico.deeplink.oauth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;

/**
 * A token endpoint request was rejected; {@link #error()} is the RFC 6749 section 5.2 error to send, as the OAuth 2.0
 * SDK's {@link ErrorObject} (code, description, HTTP status: 400, or 401 for {@code invalid_client}).
 *
 * <p>"Input rejected" family: answer it with {@link #toHTTPResponse()}; never with a 500. The description is a fixed
 * sentence chosen by Portico: it never echoes a token, a secret or other request input, so it is safe to send and to
 * log (and it keeps to the characters RFC 6749 allows, which the SDK insists on). Immutable.
 */
public final class OAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Too many failed client authentications from an address or for a client id: 429 with {@code Retry-After}. The
     * code is the one RFC 8628 registered for "slow down" at the token endpoint; not {@code invalid_client}, which
     * would tell a client with the right secret that its secret is wrong.
     */
    public static final ErrorObject SLOW_DOWN = DeviceAuthorizationGrantError.SLOW_DOWN.setHTTPStatusCode(429);

    private final transient ErrorObject error;
    private final transient Duration retryAfter;

    /**
     * @param code        the error, e.g. {@link com.nimbusds.oauth2.sdk.OAuth2Error#INVALID_REQUEST}; its status is kept
     * @param description a fixed, safe sentence: never request input
     */
    public OAuthException(ErrorObject code, String description) {
        this(code.setDescription(Objects.requireNonNull(description, "description")), (Duration) null);
    }

    private OAuthException(ErrorObject error, Duration retryAfter) {
        super(error.getCode() + ": " + error.getDescription(), null, false, false);
        this.error = error;
        this.retryAfter = retryAfter;
    }

    /** {@code slow_down} (429): try again after {@code wait}, rounded up to whole seconds. */
    public static OAuthException slowDown(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return new OAuthException(SLOW_DOWN.setDescription("Too many failed client authentications; try again in "
                + seconds + (seconds == 1 ? " second." : " seconds.")), Duration.ofSeconds(seconds));
    }

    /** For {@code slow_down}: the {@code Retry-After} to send, in whole seconds. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The error: code, safe description and HTTP status. */
    public ErrorObject error() {
        return error;
    }

    /**
     * The response to send: the error's status, {@code {"error": "...", "error_description": "..."}},
     * {@code Cache-Control: no-store} and, for {@code slow_down}, {@code Retry-After}. The caller adds
     * {@code WWW-Authenticate} to {@code invalid_client}: which scheme depends on what the client tried.
     */
    public HTTPResponse toHTTPResponse() {
        HTTPResponse response = new TokenErrorResponse(error).toHTTPResponse();
        retryAfter().ifPresent(wait -> response.setHeader("Retry-After", Long.toString(wait.toSeconds())));
        return response;
    }
}
