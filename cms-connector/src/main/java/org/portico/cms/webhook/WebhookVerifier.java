package org.portico.cms.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.portico.cms.json.JsonDocuments;

/**
 * Checks that a webhook delivery comes from the CMS and is fresh, before its payload is read.
 *
 * <p>Two modes:
 * <ul>
 *   <li>{@linkplain #hmac HMAC}, for Portico's WordPress plugin: headers {@code X-Portico-Delivery: <uuid>},
 *   {@code X-Portico-Timestamp: <unix seconds>} and {@code X-Portico-Signature: sha256=<hex>}, the lower-case hex of
 *   HMAC-SHA256 with the shared secret over the timestamp, a dot and the raw body bytes. The delivery's id is the
 *   signature: the UUID header is not signed, so a replay could change it.</li>
 *   <li>{@linkplain #sharedSecret shared secret}, for Strapi, which can only send fixed headers: one header carries
 *   the secret itself; freshness comes from the payload's {@code createdAt}; the delivery's id is the SHA-256 of the
 *   body, so a replayed delivery has the same id.</li>
 * </ul>
 * Secrets are compared in constant time. A delivery is fresh when sent within the tolerance around the clock's now,
 * in either direction (clocks drift).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface WebhookVerifier permits HmacVerifier, SharedSecretVerifier {

    /** How far a delivery's time may be from now: 5 minutes. */
    Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** The header that carries the shared secret unless configured otherwise. */
    String DEFAULT_SECRET_HEADER = "X-Portico-Webhook-Secret";

    /**
     * The verified delivery.
     *
     * @param headers the request's headers by name, case-insensitive, null when absent (a servlet's
     *                {@code request::getHeader} fits)
     * @param body    the raw body, exactly as received
     * @throws WebhookRejectedException when a header is missing, the signature or secret does not match, the delivery
     *                                  is stale, or a header or the payload is malformed
     */
    Delivery verify(UnaryOperator<String> headers, byte[] body);

    /**
     * HMAC mode (the WordPress plugin).
     *
     * @param secret    the shared secret, at least 16 characters (its UTF-8 bytes are the key)
     * @param tolerance between 10 seconds and 1 hour, e.g. {@link #DEFAULT_TOLERANCE}
     * @param clock     what "now" is
     * @throws IllegalArgumentException when the secret or tolerance is not valid
     */
    static WebhookVerifier hmac(String secret, Duration tolerance, Clock clock) {
        return new HmacVerifier(secret, new Freshness(tolerance, clock));
    }

    /**
     * Shared-secret mode (Strapi).
     *
     * @param header    the header carrying the secret, e.g. {@link #DEFAULT_SECRET_HEADER}
     * @param secret    the shared secret, at least 16 characters
     * @param tolerance between 10 seconds and 1 hour, e.g. {@link #DEFAULT_TOLERANCE}
     * @param clock     what "now" is
     * @throws IllegalArgumentException when a value is not valid
     */
    static WebhookVerifier sharedSecret(String header, String secret, Duration tolerance, Clock clock) {
        return new SharedSecretVerifier(header, secret, new Freshness(tolerance, clock),
                JsonDocuments.withDefaultProvider());
    }
}
