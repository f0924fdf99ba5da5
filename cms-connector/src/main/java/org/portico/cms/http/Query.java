package org.portico.cms.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A URL query string, built parameter by parameter in order; names and values are encoded with
 * {@link URLEncoder} ({@code application/x-www-form-urlencoded}, UTF-8), which PHP and Node's {@code qs} decode, so
 * {@code filters[slug][$eq]} goes out as {@code filters%5Bslug%5D%5B%24eq%5D}.
 *
 * <p>Not thread-safe while being built; build one per request.
 */
public final class Query {

    private final List<String> parameters = new ArrayList<>();

    /** An empty query. */
    public static Query of() {
        return new Query();
    }

    /** Adds {@code name=value}. */
    public Query add(String name, String value) {
        parameters.add(URLEncoder.encode(Objects.requireNonNull(name, "name"), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(Objects.requireNonNull(value, "value"), StandardCharsets.UTF_8));
        return this;
    }

    /** Whether no parameter was added. */
    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    /** The encoded query, without {@code ?}. */
    @Override
    public String toString() {
        return String.join("&", parameters);
    }
}
