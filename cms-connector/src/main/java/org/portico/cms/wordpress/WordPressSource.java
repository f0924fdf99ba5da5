package org.portico.cms.wordpress;

import static org.portico.cms.json.JsonDocuments.asArray;
import static org.portico.cms.json.JsonDocuments.asObject;
import static org.portico.cms.json.JsonDocuments.requiredObject;
import static org.portico.cms.json.JsonDocuments.requiredString;
import static org.portico.cms.json.JsonDocuments.string;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * Content from a WordPress site (6.1 and later) through its REST API {@code wp/v2}.
 *
 * <ul>
 *   <li>{@link ContentKind#PAGE}: the page with the key as slug ({@code wp-json/wp/v2/pages?slug=…}), else the post
 *   ({@code wp-json/wp/v2/posts?slug=…}); asked without credentials, as any visitor would.</li>
 *   <li>{@link ContentKind#BLOCK}: the reusable block ({@code wp-json/wp/v2/blocks?slug=…}), which WordPress shows
 *   only to users who may edit posts: without credentials, blocks are never found. Its body is the block markup as
 *   stored (WordPress renders blocks only inside a post), whose block comments the sanitiser removes.</li>
 *   <li>Keys are WordPress slugs: lower-case letters, digits and hyphens, at most 200; any other key is not found,
 *   without a request.</li>
 *   <li>WordPress core has one language per site: content is found under {@link Locale#ROOT} and under the site's
 *   language if the settings name one; for any other locale it is not found, so the cache's locale chain goes on.</li>
 *   <li>The title is plain text (WordPress sends it as HTML with entities), the body HTML as WordPress renders it,
 *   unsanitised; {@code updatedAt} is {@code modified_gmt}.</li>
 * </ul>
 *
 * <p>Thread-safe: it holds only immutable settings and the shared {@link HttpClient}. Failures are those of
 * {@link JsonHttp}: a {@link ContentSourceTimeoutException} for a timeout, a {@link ContentUnavailableException} for
 * everything else (HTTP 401 and 403 say "WordPress refused the credentials").
 */
public final class WordPressSource implements RemoteContentSource {

    /** A WordPress slug as {@code sanitize_title} makes it, ASCII only; the length of {@code post_name}. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,198}[a-z0-9])?");
    private static final String FIELDS = "id,slug,title,content,excerpt,modified_gmt,status,link";
    private static final String PUBLISHED = "publish";
    private static final List<String> UNPUBLISHED = List.of("draft", "pending", "future", "private");
    private static final String PAGES = "wp-json/wp/v2/pages";
    private static final String POSTS = "wp-json/wp/v2/posts";
    private static final String BLOCKS = "wp-json/wp/v2/blocks";
    private static final String REFUSED = "WordPress refused the credentials";

    private final WordPressSettings settings;
    private final JsonHttp http;
    private final Map<String, String> authorization;

    /**
     * @param settings where the site is and how to sign in
     * @param client   the shared HTTP client (its redirect policy and proxy apply)
     */
    public WordPressSource(WordPressSettings settings, HttpClient client) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = new JsonHttp(client, JsonDocuments.withDefaultProvider(), settings.endpoint(), REFUSED, REFUSED);
        this.authorization = settings.credentials()
                .map(c -> Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (c.user() + ":" + c.applicationPassword()).getBytes(StandardCharsets.UTF_8))))
                .orElse(Map.of());
    }

    /**
     * The published page, post or reusable block {@code key} (see the class comment).
     *
     * @throws ContentSourceTimeoutException when WordPress does not answer in time
     * @throws ContentUnavailableException   when WordPress cannot be reached, refuses or answers unreadably
     */
    @Override
    public Optional<ContentItem> find(ContentKind kind, String key, Locale locale) {
        return lookUp(kind, key, locale, false);
    }

    /** True when the settings have credentials. */
    @Override
    public boolean canFindDrafts() {
        return settings.credentials().isPresent();
    }

    /**
     * The page, post or reusable block {@code key} that is a draft, pending review, scheduled or private (asked with
     * {@code context=edit}).
     *
     * @throws IllegalStateException         when the settings have no credentials
     * @throws ContentSourceTimeoutException when WordPress does not answer in time
     * @throws ContentUnavailableException   when WordPress cannot be reached, refuses or answers unreadably
     */
    @Override
    public Optional<ContentItem> findDraft(ContentKind kind, String key, Locale locale) {
        if (!canFindDrafts()) {
            throw new IllegalStateException("WordPress drafts need a user and an application password in the settings"
                    + " of " + settings.endpoint().baseUrl());
        }
        return lookUp(kind, key, locale, true);
    }

    /**
     * Reads the site's name, counts its published pages and, with credentials, signs in ({@code users/me}).
     */
    @Override
    public ConnectionCheck check() {
        return http.check("WordPress at " + settings.endpoint().baseUrl(), () -> {
            String name = http.get("wp-json/", Query.of().add("_fields", "name"), Map.of())
                    .read(index -> requiredString(asObject(index, "the site index"), "name"));
            long pages = http.get(PAGES, Query.of().add("status", PUBLISHED).add("per_page", "1").add("_fields", "id"),
                    Map.of()).headers().firstValueAsLong("X-WP-Total").orElse(0);
            StringBuilder summary = new StringBuilder("WordPress site '").append(name).append("' at ")
                    .append(settings.endpoint().baseUrl()).append(" — ").append(pages)
                    .append(pages == 1 ? " published page" : " published pages");
            if (!authorization.isEmpty()) {
                String user = http.get("wp-json/wp/v2/users/me", Query.of().add("_fields", "id,name"), authorization)
                        .read(me -> requiredString(asObject(me, "the user"), "name"));
                summary.append(", signed in as '").append(user).append("'");
            }
            return summary.toString();
        });
    }

    private Optional<ContentItem> lookUp(ContentKind kind, String key, Locale locale, boolean drafts) {
        if (!SLUG.matcher(key).matches() || !isSiteLocale(locale)) {
            return Optional.empty();
        }
        if (kind == ContentKind.BLOCK) {
            return authorization.isEmpty() ? Optional.empty() : first(BLOCKS, kind, key, locale, drafts);
        }
        Optional<ContentItem> page = first(PAGES, kind, key, locale, drafts);
        return page.isPresent() ? page : first(POSTS, kind, key, locale, drafts);
    }

    private boolean isSiteLocale(Locale locale) {
        return locale.equals(Locale.ROOT) || settings.siteLanguage().filter(locale::equals).isPresent();
    }

    /** The first item of the collection at {@code path} with slug {@code key}, of one of the wanted statuses. */
    private Optional<ContentItem> first(String path, ContentKind kind, String key, Locale locale, boolean drafts) {
        Query query = Query.of().add("slug", key)
                .add("status", drafts ? String.join(",", UNPUBLISHED) : PUBLISHED)
                .add("_fields", FIELDS);
        if (drafts) {
            query.add("context", "edit");
        }
        boolean signIn = drafts || kind == ContentKind.BLOCK;
        return http.get(path, query, signIn ? authorization : Map.of()).read(answer -> {
            for (JsonValue value : asArray(answer, "the answer")) {
                JsonObject item = asObject(value, "an item");
                String status = requiredString(item, "status");
                if (drafts ? UNPUBLISHED.contains(status) : status.equals(PUBLISHED)) {
                    return Optional.of(toItem(item, kind, key, locale));
                }
            }
            return Optional.empty();
        });
    }

    private static ContentItem toItem(JsonObject item, ContentKind kind, String key, Locale locale) {
        JsonObject title = requiredObject(item, "title");
        JsonObject content = requiredObject(item, "content");
        // Reusable blocks have no rendered title or content, only what was typed (raw).
        String plainTitle = string(title, "rendered").map(PlainText::of)
                .or(() -> string(title, "raw"))
                .orElse("");
        String body = string(content, "rendered").or(() -> string(content, "raw")).orElse("");
        LocalDateTime modified = LocalDateTime.parse(requiredString(item, "modified_gmt"));
        return new ContentItem(kind, key, locale, plainTitle, body, modified.toInstant(ZoneOffset.UTC));
    }

    @Override
    public String toString() {
        return "WordPressSource[" + settings.endpoint().baseUrl() + "]";
    }
}
