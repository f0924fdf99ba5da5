package org.portico.deeplink.token;

/** The token, or the session it belongs to, was revoked (see {@link RevocationList}). Immutable. */
public final class TokenRevokedException extends TokenRejectedException {

    private static final long serialVersionUID = 1L;

    TokenRevokedException() {
        super(Reason.REVOKED);
    }
}
