package org.portico.cms.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import jakarta.json.JsonException;

import org.portico.cms.json.JsonDocuments;
import org.portico.cms.webhook.WebhookRejectedException.Reason;

/** {@link WebhookVerifier#sharedSecret Shared-secret mode}. Immutable and thread-safe. */
final class SharedSecretVerifier implements WebhookVerifier {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,99}");

    private final String header;
    /** Digests of equal length are compared, so the time taken says nothing about the secret's length either. */
    private final byte[] secretDigest;
    private final Freshness freshness;
    private final JsonDocuments json;

    SharedSecretVerifier(String header, String secret, Freshness freshness, JsonDocuments json) {
        if (header == null || !HEADER_NAME.matcher(header).matches()) {
            throw new IllegalArgumentException("the webhook secret header must be a header name such as "
                    + WebhookVerifier.DEFAULT_SECRET_HEADER + ", got '" + header + "'");
        }
        this.header = header;
        this.secretDigest = Secrets.sha256(Secrets.bytes(secret));
        this.freshness = freshness;
        this.json = json;
    }

    @Override
    public Delivery verify(UnaryOperator<String> headers, byte[] body) {
        String value = headers.apply(header);
        if (value == null || value.isEmpty()) {
            throw new WebhookRejectedException(Reason.MISSING, "the header " + header + " is missing");
        }
        if (!MessageDigest.isEqual(Secrets.sha256(value.getBytes(StandardCharsets.UTF_8)), secretDigest)) {
            throw new WebhookRejectedException(Reason.BAD_SIGNATURE, "the webhook secret in " + header
                    + " was not accepted");
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(JsonDocuments.requiredString(
                    JsonDocuments.asObject(json.parse(body), "the payload"), "createdAt"));
        } catch (JsonException | DateTimeException e) {
            throw new WebhookRejectedException(Reason.MALFORMED,
                    "the payload must be a JSON object with 'createdAt' as an ISO-8601 instant");
        }
        String id = Secrets.hex(Secrets.sha256(body));
        return freshness.delivery(id, createdAt, id);
    }

    @Override
    public String toString() {
        return "WebhookVerifier[shared secret in " + header + ", tolerance=" + freshness.tolerance() + "]";
    }
}
