package org.portico.cms.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.portico.cms.webhook.WebhookRejectedException.Reason;

/** The tolerance and the clock a delivery's time is checked against. Immutable and thread-safe. */
record Freshness(Duration tolerance, Clock clock) {

    private static final Duration MIN_TOLERANCE = Duration.ofSeconds(10);
    private static final Duration MAX_TOLERANCE = Duration.ofHours(1);

    Freshness {
        if (tolerance == null || tolerance.compareTo(MIN_TOLERANCE) < 0 || tolerance.compareTo(MAX_TOLERANCE) > 0) {
            throw new IllegalArgumentException("webhook tolerance must be between " + MIN_TOLERANCE + " and "
                    + MAX_TOLERANCE + ", got '" + tolerance + "'");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The verified delivery sent at {@code sentAt}.
     *
     * @throws WebhookRejectedException ({@link Reason#STALE}) when {@code sentAt} is more than the tolerance from now
     */
    Delivery delivery(String id, Instant sentAt, String reference) {
        Instant now = clock.instant();
        if (sentAt.isBefore(now.minus(tolerance))) {
            throw new WebhookRejectedException(Reason.STALE, "the delivery was sent at " + sentAt
                    + ", more than " + tolerance.toSeconds() + " s ago");
        }
        if (sentAt.isAfter(now.plus(tolerance))) {
            throw new WebhookRejectedException(Reason.STALE, "the delivery claims to be sent at " + sentAt
                    + ", more than " + tolerance.toSeconds() + " s in the future; check the sender's clock");
        }
        return new Delivery(id, sentAt, sentAt.plus(tolerance), reference);
    }

}
