package org.portico.cms.webhook;

import java.util.Objects;

/**
 * A webhook delivery was refused: the "input was rejected" family, answered to the sender with a 4xx (401 for
 * {@link Reason#MISSING} and {@link Reason#BAD_SIGNATURE}, 400 otherwise is a sensible mapping). Broken setup (no
 * secret configured) is an {@link IllegalArgumentException} at start-up instead.
 *
 * <p>The message is safe to send back to the sender and to log: it names what was wrong, never the secret or a
 * computed signature.
 */
public class WebhookRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a delivery was refused. */
    public enum Reason {
        /** A header the mode requires is absent or empty. */
        MISSING,
        /** The signature or shared secret does not match. */
        BAD_SIGNATURE,
        /** The delivery was sent outside the tolerance around now (too old, or from the future). */
        STALE,
        /** A header or the payload is not of the expected form. */
        MALFORMED
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message what was wrong, safe to show the sender
     */
    public WebhookRejectedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the delivery was refused. */
    public Reason reason() {
        return reason;
    }
}
