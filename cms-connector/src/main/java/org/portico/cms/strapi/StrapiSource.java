package org.portico.cms.strapi;

import static org.portico.cms.json.JsonDocuments.asArray;
import static org.portico.cms.json.JsonDocuments.asObject;
import static org.portico.cms.json.JsonDocuments.field;
import static org.portico.cms.json.JsonDocuments.requiredObject;
import static org.portico.cms.json.JsonDocuments.requiredString;
import static org.portico.cms.json.JsonDocuments.string;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.portico.cms.http.JsonHttp;
import org.portico.cms.http.Query;
import org.portico.cms.json.JsonDocuments;
import org.portico.cms.spi.ConnectionCheck;
import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentSourceTimeoutException;
import org.portico.cms.spi.ContentUnavailableException;
import org.portico.cms.spi.RemoteContentSource;

/**
 * Content from a Strapi 5 instance through its REST API.
 *
 * <ul>
 *   <li>{@link ContentKind#PAGE} and {@link ContentKind#BLOCK}: the entry of the page or block collection whose slug
 *   field equals the key: {@code GET api/{collection}?filters[slug][$eq]=…&locale=…&status=published
 *   &pagination[pageSize]=1}. Without a block collection in the settings, blocks are never found.</li>
 *   <li>Keys are Strapi UIDs: letters, digits, {@code - _ . ~}, at most 255; any other key is not found, without a
 *   request.</li>
 *   <li>Locales are Strapi's i18n locales, asked by language tag ({@code de-CH}); {@link Locale#ROOT} asks without
 *   one, so Strapi answers in its default locale, and the item carries the locale Strapi names.</li>
 *   <li>The title is the title field as plain text; the body the body field, either HTML text as stored or Strapi's
 *   "Blocks" rich text written as HTML; both unsanitised. {@code updatedAt} is the entry's.</li>
 * </ul>
 *
 * <p>Thread-safe: it holds only immutable settings and the shared {@link HttpClient}. Failures are those of
 * {@link JsonHttp}: a {@link ContentSourceTimeoutException} for a timeout, a {@link ContentUnavailableException} for
 * everything else ("HTTP 401: the API token was refused"; an answer in Strapi 4's shape says so).
 */
public final class StrapiSource implements RemoteContentSource {

    /** The characters of a Strapi UID field. */
    static final Pattern UID = Pattern.compile("[A-Za-z0-9._~-]{1,255}");

    private final StrapiSettings settings;
    private final JsonHttp http;
    private final Map<String, String> authorization;

    /**
     * @param settings where Strapi is, its token, collections and fields
     * @param client   the shared HTTP client (its redirect policy and proxy apply)
     */
    public StrapiSource(StrapiSettings settings, HttpClient client) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = new JsonHttp(client, JsonDocuments.withDefaultProvider(), settings.endpoint(),
                "the API token was refused", "the API token may not read this collection");
        this.authorization = Map.of("Authorization", "Bearer " + settings.apiToken());
    }

    /**
     * The published entry {@code key} (see the class comment).
     *
     * @throws ContentSourceTimeoutException when Strapi does not answer in time
     * @throws ContentUnavailableException   when Strapi cannot be reached, refuses the token or answers unreadably
     */
    @Override
    public Optional<ContentItem> find(ContentKind kind, String key, Locale locale) {
        return lookUp(kind, key, locale, "published");
    }

    /** Always true: the API token reads drafts too. */
    @Override
    public boolean canFindDrafts() {
        return true;
    }

    /**
     * The draft version of entry {@code key} ({@code status=draft}); in Strapi 5 every entry has one, published or
     * not.
     *
     * @throws ContentSourceTimeoutException when Strapi does not answer in time
     * @throws ContentUnavailableException   when Strapi cannot be reached, refuses the token or answers unreadably
     */
    @Override
    public Optional<ContentItem> findDraft(ContentKind kind, String key, Locale locale) {
        return lookUp(kind, key, locale, "draft");
    }

    /** Counts the published entries of the page collection and, if there is one, of the block collection. */
    @Override
    public ConnectionCheck check() {
        return http.check("Strapi at " + settings.endpoint().baseUrl(), () -> {
            List<String> counts = new ArrayList<>();
            counts.add(publishedCount(settings.pageCollection()));
            settings.blockCollection().ifPresent(blocks -> counts.add(publishedCount(blocks)));
            return "Strapi at " + settings.endpoint().baseUrl() + " — " + String.join(", ", counts);
        });
    }

    private String publishedCount(String collection) {
        long total = http.get("api/" + collection, Query.of().add("status", "published")
                .add("pagination[pageSize]", "1"), authorization).read(answer -> {
                    JsonObject pagination = requiredObject(requiredObject(asObject(answer, "the answer"), "meta"),
                            "pagination");
                    return field(pagination, "total").filter(JsonNumber.class::isInstance).map(JsonNumber.class::cast)
                            .map(JsonNumber::longValue).orElseThrow(() -> new JsonException("'total' is missing"));
                });
        return total + (total == 1 ? " published entry" : " published entries") + " in '" + collection + "'";
    }

    private Optional<ContentItem> lookUp(ContentKind kind, String key, Locale locale, String status) {
        Optional<String> collection = kind == ContentKind.PAGE ? Optional.of(settings.pageCollection())
                : settings.blockCollection();
        if (collection.isEmpty() || !UID.matcher(key).matches()) {
            return Optional.empty();
        }
        Query query = Query.of().add("filters[" + settings.slugField() + "][$eq]", key);
        if (!locale.equals(Locale.ROOT)) {
            query.add("locale", locale.stripExtensions().toLanguageTag());
        }
        query.add("status", status).add("pagination[pageSize]", "1");
        return http.get("api/" + collection.get(), query, authorization).read(answer -> {
            JsonObject document = asObject(answer, "the answer");
            JsonValue data = field(document, "data").orElseThrow(() -> new JsonException("'data' is missing"));
            for (JsonValue value : asArray(data, "'data'")) {
                JsonObject entry = asObject(value, "an entry");
                if (entry.containsKey("attributes") && !entry.containsKey("documentId")) {
                    throw new JsonException("entries have 'attributes', as in Strapi 4; Portico reads Strapi 5");
                }
                if (status.equals("draft") || field(entry, "publishedAt").isPresent()) {
                    return Optional.of(toItem(entry, kind, key, locale));
                }
            }
            return Optional.empty();
        });
    }

    private ContentItem toItem(JsonObject entry, ContentKind kind, String key, Locale requested) {
        String title = string(entry, settings.titleField()).orElse("");
        String body = field(entry, settings.bodyField()).map(value -> switch (value.getValueType()) {
            case STRING -> string(entry, settings.bodyField()).orElseThrow();
            case ARRAY -> BlocksHtml.render(value.asJsonArray(), settings.endpoint().baseUrl());
            default -> throw new JsonException("'" + settings.bodyField() + "' must be text or Blocks, got "
                    + value.getValueType());
        }).orElse("");
        Locale locale = string(entry, "locale").map(Locale::forLanguageTag).orElse(requested);
        Instant updatedAt = Instant.parse(requiredString(entry, "updatedAt"));
        return new ContentItem(kind, key, locale, title, body, updatedAt);
    }

    @Override
    public String toString() {
        return "StrapiSource[" + settings.endpoint().baseUrl() + ", " + settings.pageCollection() + "]";
    }
}
