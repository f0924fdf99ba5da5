package org.portico.deeplink.token;

/** The token is genuine but not for this use: wrong issuer, wrong audience or a required claim missing. Immutable. */
public final class TokenClaimsException extends TokenRejectedException {

    private static final long serialVersionUID = 1L;

    TokenClaimsException(Reason reason) {
        super(reason);
    }
}
