package org.portico.deeplink.oauth;

/**
 * A token endpoint request was rejected; {@link #error()} is the response to send.
 *
 * <p>"Input rejected" family: map it to {@link OAuthError.Code#httpStatus()} with {@link OAuthError#toJson()} and
 * {@code Cache-Control: no-store}; never to a 500. Its message is the error's safe description. Immutable.
 */
public final class OAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient OAuthError error;

    OAuthException(OAuthError.Code code, String description) {
        super(code.value() + ": " + description, null, false, false);
        this.error = new OAuthError(code, description);
    }

    /** The error response. */
    public OAuthError error() {
        return error;
    }
}
