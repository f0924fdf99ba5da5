package org.portico.deeplink.token;

import org.portico.deeplink.token.TokenRejectedException.Reason;

import com.nimbusds.jwt.proc.BadJWTException;

/** A stage of the processing pipeline rejected the token for a known reason. */
final class RejectedJwtException extends BadJWTException {

    private static final long serialVersionUID = 1L;

    final transient Reason reason;

    RejectedJwtException(Reason reason) {
        super(reason.name());
        this.reason = reason;
    }
}
