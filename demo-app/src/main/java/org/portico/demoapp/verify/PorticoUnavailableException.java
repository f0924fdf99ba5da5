package org.portico.demoapp.verify;

/**
 * Our side is broken, not the token: Portico's discovery document or JWKS could not be fetched or read, so no token
 * can be judged right now. The message says which URL failed, how, and what to configure.
 */
public final class PorticoUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PorticoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
