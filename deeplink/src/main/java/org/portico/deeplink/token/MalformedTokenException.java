package org.portico.deeplink.token;

/** The token is not a well-formed Portico access token: malformed, oversized or of the wrong {@code typ}. Immutable. */
public final class MalformedTokenException extends TokenRejectedException {

    private static final long serialVersionUID = 1L;

    MalformedTokenException(Reason reason) {
        super(reason);
    }
}
