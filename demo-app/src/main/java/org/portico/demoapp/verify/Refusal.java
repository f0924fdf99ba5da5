package org.portico.demoapp.verify;

import com.nimbusds.jwt.proc.BadJWTException;

import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

/**
 * How the pipeline stages say "refused, and why" inside Nimbus' {@code DefaultJWTProcessor}, which only lets
 * {@code BadJOSEException}s through; {@link LinkTokenVerifier} turns it into a {@link LinkTokenRejectedException},
 * {@link AccessTokenVerifier} into an {@link AccessTokenRejectedException}.
 */
final class Refusal extends BadJWTException {

    private static final long serialVersionUID = 1L;

    final transient Reason reason;

    Refusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    LinkTokenRejectedException toRejection() {
        return new LinkTokenRejectedException(reason, getMessage());
    }

    AccessTokenRejectedException toAccessTokenRejection() {
        return new AccessTokenRejectedException(reason, getMessage());
    }
}
