package org.portico.cms.webhook;

import java.util.List;
import java.util.function.Function;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;

import org.portico.cms.json.JsonDocuments;
import org.portico.cms.webhook.WebhookRejectedException.Reason;

/**
 * Reads a verified webhook payload of one CMS into what changed. Implemented per CMS
 * ({@code org.portico.cms.wordpress.WordPressWebhookParser}, {@code org.portico.cms.strapi.StrapiWebhookParser}).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface WebhookPayloadParser {

    /**
     * The content that the payload says has changed; empty for events about other things (other post types,
     * models, media), which are not errors.
     *
     * @param body the raw body, already {@linkplain WebhookVerifier verified}
     * @throws WebhookRejectedException ({@link Reason#MALFORMED}) when the payload is not of the CMS's form
     */
    List<ContentRef> changes(byte[] body);

    /**
     * For implementations: {@code reader} applied to the payload, which must be a JSON object; a {@link JsonException}
     * or {@link IllegalArgumentException} from it is a {@link Reason#MALFORMED} rejection with its message.
     */
    static List<ContentRef> read(JsonDocuments json, byte[] body, Function<JsonObject, List<ContentRef>> reader) {
        JsonObject payload;
        try {
            payload = JsonDocuments.asObject(json.parse(body), "the payload");
        } catch (JsonParsingException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, "the payload is not JSON");
        } catch (JsonException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, e.getMessage());
        }
        try {
            return List.copyOf(reader.apply(payload));
        } catch (JsonException | IllegalArgumentException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, "malformed payload: " + e.getMessage());
        }
    }
}
