package org.portico.web.security.oidc;

/**
 * An OpenID Connect login was refused or could not be completed. {@link #failure()} is what the user is told;
 * the message is for the log only (it may name claims or provider errors, never tokens or secrets).
 */
public class OidcLoginException extends Exception {

    private static final long serialVersionUID = 1L;

    private final OidcFailure failure;

    public OidcLoginException(OidcFailure failure, String logMessage) {
        super(logMessage);
        this.failure = failure;
    }

    public OidcLoginException(OidcFailure failure, String logMessage, Throwable cause) {
        super(logMessage, cause);
        this.failure = failure;
    }

    public OidcFailure failure() {
        return failure;
    }
}
