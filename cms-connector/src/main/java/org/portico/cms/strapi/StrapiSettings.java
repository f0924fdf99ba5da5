package org.portico.cms.strapi;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.portico.cms.http.HttpEndpoint;

/**
 * How Portico reaches a Strapi 5 instance and where its content lives: the collection types that hold pages and
 * blocks, and the fields that hold the slug, the title and the body.
 *
 * <p>Immutable and thread-safe; {@link #toString()} does not show the API token. Build with
 * {@link #builder(String, String, String)}, which validates each value and says what a valid one looks like.
 *
 * @param endpoint        base URL (the REST API is under {@code api/}), timeout, answer size
 * @param apiToken        a Strapi API token (Settings → API Tokens) that may read the collections, sent as
 *                        {@code Authorization: Bearer …}
 * @param pageCollection  the plural API ID of the collection type holding pages, e.g. {@code pages}
 * @param blockCollection the plural API ID of the collection type holding blocks, if there is one
 * @param slugField       the field holding the key (a Strapi UID field), default {@code slug}
 * @param titleField      the text field holding the title, default {@code title}
 * @param bodyField       the field holding the body: HTML text, or Strapi's "Blocks" rich text; default {@code body}
 */
public record StrapiSettings(HttpEndpoint endpoint, String apiToken, String pageCollection,
        Optional<String> blockCollection, String slugField, String titleField, String bodyField) {

    private static final Pattern API_ID = Pattern.compile("[a-z][a-z0-9-]{0,99}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,1000}");

    public StrapiSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        if (apiToken == null || !TOKEN.matcher(apiToken).matches()) {
            // Never echo a token, not even a wrong one.
            throw new IllegalArgumentException("apiToken must be a Strapi API token (printable ASCII without spaces),"
                    + " got " + (apiToken == null || apiToken.isEmpty() ? "none" : "another value"));
        }
        requireApiId("pageCollection", pageCollection);
        Objects.requireNonNull(blockCollection, "blockCollection").ifPresent(id -> requireApiId("blockCollection", id));
        requireField("slugField", slugField);
        requireField("titleField", titleField);
        requireField("bodyField", bodyField);
    }

    /**
     * Settings for the Strapi instance at {@code baseUrl} (e.g. {@code http://127.0.0.1:1337/}), with a timeout of 5 s
     * and answers up to 2 MiB, whose pages are in the collection {@code pageCollection}; no blocks, fields
     * {@code slug}, {@code title} and {@code body} unless set.
     *
     * @throws IllegalArgumentException unless {@code baseUrl} is an http or https URL
     */
    public static Builder builder(String baseUrl, String apiToken, String pageCollection) {
        return builder(HttpEndpoint.of(baseUrl), apiToken, pageCollection);
    }

    /**
     * Settings for the Strapi instance at {@code endpoint}, e.g.
     * {@code HttpEndpoint.of(url).withTimeout(Duration.ofSeconds(2))}; otherwise as {@link #builder(String, String,
     * String)}.
     */
    public static Builder builder(HttpEndpoint endpoint, String apiToken, String pageCollection) {
        return new Builder(Objects.requireNonNull(endpoint, "endpoint"), apiToken, pageCollection);
    }

    @Override
    public String toString() {
        return "StrapiSettings[endpoint=" + endpoint + ", apiToken=(hidden), pageCollection=" + pageCollection
                + ", blockCollection=" + blockCollection + ", slugField=" + slugField + ", titleField=" + titleField
                + ", bodyField=" + bodyField + "]";
    }

    private static void requireApiId(String name, String value) {
        if (value == null || !API_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be the plural API ID of a collection type (lower-case"
                    + " letters, digits and hyphens), such as 'pages', got '" + value + "'");
        }
    }

    /** Checks a configured field name, e.g. {@code slug}. */
    static String requireField(String name, String value) {
        if (value == null || !FIELD.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be the name of a field (letters, digits and '_'), such"
                    + " as 'slug', got '" + value + "'");
        }
        return value;
    }

    /** Configures {@link StrapiSettings}. Not thread-safe; discard it after {@link #build()}. */
    public static final class Builder {

        private final HttpEndpoint endpoint;
        private final String apiToken;
        private final String pageCollection;
        private String blockCollection;
        private String slugField = "slug";
        private String titleField = "title";
        private String bodyField = "body";

        private Builder(HttpEndpoint endpoint, String apiToken, String pageCollection) {
            this.endpoint = endpoint;
            this.apiToken = apiToken;
            this.pageCollection = pageCollection;
        }

        /** The plural API ID of the collection type holding blocks, e.g. {@code blocks}. */
        public Builder blockCollection(String value) {
            this.blockCollection = Objects.requireNonNull(value, "blockCollection");
            return this;
        }

        /** The UID field holding the key. */
        public Builder slugField(String value) {
            this.slugField = value;
            return this;
        }

        /** The text field holding the title. */
        public Builder titleField(String value) {
            this.titleField = value;
            return this;
        }

        /** The field holding the body (HTML text or Blocks rich text). */
        public Builder bodyField(String value) {
            this.bodyField = value;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException when a value is not valid (the message says which and what would be)
         */
        public StrapiSettings build() {
            return new StrapiSettings(endpoint, apiToken, pageCollection, Optional.ofNullable(blockCollection),
                    slugField, titleField, bodyField);
        }
    }
}
