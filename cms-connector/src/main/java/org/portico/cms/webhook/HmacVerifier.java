package org.portico.cms.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.portico.cms.webhook.WebhookRejectedException.Reason;

/** {@link WebhookVerifier#hmac HMAC mode}. Immutable and thread-safe (a {@link Mac} per call). */
final class HmacVerifier implements WebhookVerifier {

    static final String DELIVERY = "X-Portico-Delivery";
    static final String TIMESTAMP = "X-Portico-Timestamp";
    static final String SIGNATURE = "X-Portico-Signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SHA256_HEX = Pattern.compile("sha256=([0-9a-f]{64})");

    private final SecretKeySpec key;
    private final Freshness freshness;

    HmacVerifier(String secret, Freshness freshness) {
        this.key = new SecretKeySpec(Secrets.bytes(secret), ALGORITHM);
        this.freshness = freshness;
        mac(); // fails at start-up, not on the first delivery, if the platform lacks HMAC-SHA256
    }

    @Override
    public Delivery verify(UnaryOperator<String> headers, byte[] body) {
        String delivery = required(headers, DELIVERY);
        String timestamp = required(headers, TIMESTAMP);
        String signature = required(headers, SIGNATURE);
        if (!UUID.matcher(delivery).matches()) {
            throw malformed(DELIVERY + " must be a UUID");
        }
        if (!UNIX_SECONDS.matcher(timestamp).matches()) {
            throw malformed(TIMESTAMP + " must be a Unix time in seconds");
        }
        Matcher hex = SHA256_HEX.matcher(signature);
        if (!hex.matches()) {
            throw malformed(SIGNATURE + " must be 'sha256=' and 64 lower-case hex digits");
        }
        Mac mac = mac();
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        mac.update(body);
        if (!MessageDigest.isEqual(mac.doFinal(), HexFormat.of().parseHex(hex.group(1)))) {
            throw new WebhookRejectedException(Reason.BAD_SIGNATURE, "the signature does not match the body");
        }
        return freshness.delivery(hex.group(1), Instant.ofEpochSecond(Long.parseLong(timestamp)),
                delivery.toLowerCase(Locale.ROOT));
    }

    private static String required(UnaryOperator<String> headers, String name) {
        String value = headers.apply(name);
        if (value == null || value.isBlank()) {
            throw new WebhookRejectedException(Reason.MISSING, "the header " + name + " is missing");
        }
        return value.strip();
    }

    private static WebhookRejectedException malformed(String message) {
        return new WebhookRejectedException(Reason.MALFORMED, message);
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookVerifier[hmac, tolerance=" + freshness.tolerance() + "]";
    }
}
