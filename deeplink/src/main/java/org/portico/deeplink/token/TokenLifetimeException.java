package org.portico.deeplink.token;

/** The token is not valid now: expired, or not yet valid. Immutable. */
public final class TokenLifetimeException extends TokenRejectedException {

    private static final long serialVersionUID = 1L;

    TokenLifetimeException(Reason reason) {
        super(reason);
    }
}
