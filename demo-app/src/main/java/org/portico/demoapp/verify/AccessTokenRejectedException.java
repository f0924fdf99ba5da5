package org.portico.demoapp.verify;

import java.util.Objects;

import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

/**
 * An access token was refused: the input was wrong (expired, for another app, a link token, forged...), not our
 * setup; an API answers 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750). The reasons are
 * those of link tokens; the message is for people and says what was wrong and what was expected. When Portico itself
 * cannot be reached the verifier throws {@link PorticoUnavailableException} instead.
 */
public final class AccessTokenRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public AccessTokenRejectedException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
