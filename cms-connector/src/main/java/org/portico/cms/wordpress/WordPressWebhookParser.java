package org.portico.cms.wordpress;

import static org.portico.cms.json.JsonDocuments.requiredString;
import static org.portico.cms.json.JsonDocuments.string;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.portico.cms.json.JsonDocuments;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.webhook.ContentRef;
import org.portico.cms.webhook.WebhookPayloadParser;
import org.portico.cms.webhook.WebhookRejectedException;

/**
 * Reads the payload of Portico's WordPress plugin:
 * <pre>{@code {"event":"publish|update|unpublish|delete", "type":"page|post|wp_block", "id":123, "slug":"about",
 *  "previousSlug":"old-about" or null, "status":"publish", "modified":"2026-12-07T10:42:00Z"}}</pre>
 * Pages and posts are {@link ContentKind#PAGE}, reusable blocks ({@code wp_block}) {@link ContentKind#BLOCK}; the
 * slug and the previous slug (after a rename) both changed, in every locale. Other post types change nothing, and so
 * do slugs Portico never looks up (empty, as drafts have, or not a {@link WordPressSource} key).
 *
 * <p>Immutable and thread-safe.
 */
public final class WordPressWebhookParser implements WebhookPayloadParser {

    private final String sourceId;
    private final JsonDocuments json;

    /**
     * @param sourceId the id of the {@link WordPressSource} the plugin reports on, for the references' cache tags
     * @throws IllegalArgumentException when {@code sourceId} is not a valid source id
     */
    public WordPressWebhookParser(String sourceId) {
        this.sourceId = ContentRef.requireSourceId(sourceId);
        this.json = JsonDocuments.withDefaultProvider();
    }

    /**
     * The page or block under the payload's slug and previous slug.
     *
     * @throws WebhookRejectedException when the payload has no {@code event} or {@code type}, or is not JSON
     */
    @Override
    public List<ContentRef> changes(byte[] body) {
        return WebhookPayloadParser.read(json, body, payload -> {
            requiredString(payload, "event");
            Optional<ContentKind> kind = switch (requiredString(payload, "type")) {
                case "page", "post" -> Optional.of(ContentKind.PAGE);
                case "wp_block" -> Optional.of(ContentKind.BLOCK);
                default -> Optional.empty();
            };
            if (kind.isEmpty()) {
                return List.of();
            }
            Set<String> slugs = new LinkedHashSet<>();
            Stream.of(string(payload, "slug"), string(payload, "previousSlug"))
                    .flatMap(Optional::stream)
                    .filter(slug -> WordPressSource.SLUG.matcher(slug).matches())
                    .forEach(slugs::add);
            return slugs.stream().map(slug -> new ContentRef(sourceId, kind.get(), slug, Optional.empty())).toList();
        });
    }
}
