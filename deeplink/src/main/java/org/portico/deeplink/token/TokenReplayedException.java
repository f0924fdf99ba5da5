package org.portico.deeplink.token;

/** A single-use token was presented a second time (its {@code jti} is known to the {@link ReplayGuard}). Immutable. */
public final class TokenReplayedException extends TokenRejectedException {

    private static final long serialVersionUID = 1L;

    TokenReplayedException() {
        super(Reason.REPLAYED);
    }
}
