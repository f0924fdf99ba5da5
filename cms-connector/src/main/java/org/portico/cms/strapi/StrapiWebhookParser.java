package org.portico.cms.strapi;

import static org.portico.cms.json.JsonDocuments.requiredObject;
import static org.portico.cms.json.JsonDocuments.requiredString;
import static org.portico.cms.json.JsonDocuments.string;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

import org.portico.cms.json.JsonDocuments;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.webhook.ContentRef;
import org.portico.cms.webhook.WebhookPayloadParser;
import org.portico.cms.webhook.WebhookRejectedException;

/**
 * Reads Strapi 5 webhook payloads:
 * <pre>{@code {"event":"entry.create|entry.update|entry.delete|entry.publish|entry.unpublish",
 *  "createdAt":"2026-12-07T10:42:00.000Z", "model":"page", "uid":"api::page.page",
 *  "entry":{"id":1, "documentId":"…", "slug":"about", "locale":"en", …}}}</pre>
 * An {@code entry.*} event of the page model or the block model (the collection types' singular API IDs, e.g.
 * {@code page}) changes the entry's slug in the entry's locale. Events of other models, media events and entries
 * without a usable slug change nothing.
 *
 * <p>Immutable and thread-safe.
 */
public final class StrapiWebhookParser implements WebhookPayloadParser {

    private static final Pattern MODEL = Pattern.compile("[a-z][a-z0-9-]{0,99}");

    private final String sourceId;
    private final String pageModel;
    private final Optional<String> blockModel;
    private final String slugField;
    private final JsonDocuments json;

    /**
     * @param sourceId   the id of the {@link StrapiSource}, for the references' cache tags
     * @param pageModel  the singular API ID of the page collection type, e.g. {@code page}
     * @param blockModel the singular API ID of the block collection type, if there is one
     * @param slugField  the entry's field holding the key, as in {@link StrapiSettings#slugField()}
     * @throws IllegalArgumentException when a value is not valid (the message says what would be)
     */
    public StrapiWebhookParser(String sourceId, String pageModel, Optional<String> blockModel, String slugField) {
        this.sourceId = ContentRef.requireSourceId(sourceId);
        this.pageModel = requireModel("pageModel", pageModel);
        this.blockModel = Objects.requireNonNull(blockModel, "blockModel").map(id -> requireModel("blockModel", id));
        this.slugField = StrapiSettings.requireField("slugField", slugField);
        this.json = JsonDocuments.withDefaultProvider();
    }

    /**
     * The entry the event is about, if it is a page or a block.
     *
     * @throws WebhookRejectedException when the payload has no {@code event}, an entry event no {@code entry}, or it
     *                                  is not JSON
     */
    @Override
    public List<ContentRef> changes(byte[] body) {
        return WebhookPayloadParser.read(json, body, payload -> {
            if (!requiredString(payload, "event").startsWith("entry.")) {
                return List.of();
            }
            Optional<String> model = string(payload, "model");
            Optional<ContentKind> kind = model.filter(pageModel::equals).map(m -> ContentKind.PAGE)
                    .or(() -> model.filter(m -> blockModel.filter(m::equals).isPresent()).map(m -> ContentKind.BLOCK));
            if (kind.isEmpty()) {
                return List.of();
            }
            JsonObject entry = requiredObject(payload, "entry");
            Optional<Locale> locale = string(entry, "locale").map(Locale::forLanguageTag);
            return string(entry, slugField)
                    .filter(slug -> StrapiSource.UID.matcher(slug).matches())
                    .map(slug -> List.of(new ContentRef(sourceId, kind.get(), slug, locale)))
                    .orElse(List.of());
        });
    }

    private static String requireModel(String name, String value) {
        if (value == null || !MODEL.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be the singular API ID of a collection type, such as"
                    + " 'page', got '" + value + "'");
        }
        return value;
    }
}
