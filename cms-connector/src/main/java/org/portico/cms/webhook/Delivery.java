package org.portico.cms.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * A webhook delivery that passed verification.
 *
 * <p>Replay detection is the caller's: remember {@link #id()} until {@link #rememberUntil()} and refuse a delivery
 * whose id is already known. After that instant the delivery is refused as {@linkplain
 * WebhookRejectedException.Reason#STALE stale} anyway, so the id can be forgotten.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id            what identifies this delivery for replay detection: derived from what the sender signed, so a
 *                      replay has the same id and an attacker cannot make a new one (64 lower-case hex digits)
 * @param sentAt        when the sender says it sent it (signed, or checked against the secret)
 * @param rememberUntil until when {@code id} must be remembered: {@code sentAt} plus the tolerance
 * @param reference     the sender's own name for the delivery, for logs (WordPress plugin: the
 *                      {@code X-Portico-Delivery} UUID; Strapi: the same as {@code id}); not for replay detection
 */
public record Delivery(String id, Instant sentAt, Instant rememberUntil, String reference) {

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(rememberUntil, "rememberUntil");
        Objects.requireNonNull(reference, "reference");
    }
}
