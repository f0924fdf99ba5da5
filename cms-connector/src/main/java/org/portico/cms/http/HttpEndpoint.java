package org.portico.cms.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a CMS answers over HTTP and how long and how much Portico waits for an answer.
 *
 * <p>Immutable and thread-safe. The constructor validates, and its messages show a valid value.
 *
 * @param baseUrl        an absolute {@code http} or {@code https} URL without user info, query or fragment, ending in
 *                       {@code /} (the CMS's API paths are resolved against it, so a site in a sub-folder works)
 * @param timeout        the longest a request may take, answer read included: between {@link #MIN_TIMEOUT} and
 *                       {@link #MAX_TIMEOUT}
 * @param maxAnswerBytes the largest answer read; a larger one is refused: between {@link #MIN_ANSWER_BYTES} and
 *                       {@link #MAX_ANSWER_BYTES}
 */
public record HttpEndpoint(URI baseUrl, Duration timeout, int maxAnswerBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_ANSWER_BYTES = 2 * 1024 * 1024;
    public static final int MIN_ANSWER_BYTES = 1024;
    public static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    public HttpEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null
                || baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null
                || !baseUrl.getRawPath().endsWith("/")) {
            throw invalidUrl(baseUrl.toString());
        }
        if (timeout == null || timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be between " + MIN_TIMEOUT + " and " + MAX_TIMEOUT
                    + ", got '" + timeout + "'");
        }
        if (maxAnswerBytes < MIN_ANSWER_BYTES || maxAnswerBytes > MAX_ANSWER_BYTES) {
            throw new IllegalArgumentException("maxAnswerBytes must be between " + MIN_ANSWER_BYTES + " and "
                    + MAX_ANSWER_BYTES + ", got " + maxAnswerBytes);
        }
    }

    /**
     * The endpoint at {@code baseUrl} (a missing final {@code /} is added) with the default timeout (5 s) and answer
     * size (2 MiB).
     *
     * @throws IllegalArgumentException unless {@code baseUrl} is an http or https URL such as
     *                                  {@code https://cms.example.org/}
     */
    public static HttpEndpoint of(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            throw invalidUrl(baseUrl);
        }
        if (uri.isOpaque() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalidUrl(baseUrl);
        }
        String path = uri.getRawPath();
        if (!path.endsWith("/")) {
            uri = URI.create(uri + "/"); // a site in a sub-folder: https://example.org/blog means /blog/
        }
        return new HttpEndpoint(uri, DEFAULT_TIMEOUT, DEFAULT_MAX_ANSWER_BYTES);
    }

    /** The same endpoint with another timeout. */
    public HttpEndpoint withTimeout(Duration value) {
        return new HttpEndpoint(baseUrl, value, maxAnswerBytes);
    }

    /** The same endpoint with another answer size limit. */
    public HttpEndpoint withMaxAnswerBytes(int value) {
        return new HttpEndpoint(baseUrl, timeout, value);
    }

    /** {@code path} (relative, e.g. {@code wp-json/wp/v2/pages}) under the base URL, with {@code query} if any. */
    public URI resolve(String path, Query query) {
        return URI.create(baseUrl.resolve(path) + (query.isEmpty() ? "" : "?" + query));
    }

    private static IllegalArgumentException invalidUrl(String value) {
        return new IllegalArgumentException("baseUrl must be an http or https URL without user info, query or fragment"
                + " such as https://cms.example.org/, got '" + value + "'");
    }
}
