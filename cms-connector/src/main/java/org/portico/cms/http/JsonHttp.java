package org.portico.cms.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;

import org.portico.cms.json.JsonDocuments;
import org.portico.cms.spi.ConnectionCheck;
import org.portico.cms.spi.ContentSourceTimeoutException;
import org.portico.cms.spi.ContentUnavailableException;

/**
 * GETs JSON from a CMS's REST API for the adapters: one deadline for the whole exchange (connect, headers and the
 * answer), a bounded read, and every failure turned into the connector's "unavailable" family with a message in plain
 * words that names the URL but never a credential:
 * <ul>
 *   <li>no answer within the timeout: {@link ContentSourceTimeoutException} ("timed out after 2 s at …");</li>
 *   <li>connection refused, other I/O failures, an answer over the size limit, HTTP 401 and 403 (in the adapter's
 *   own words, e.g. "HTTP 401: the API token was refused"), any other status outside 2xx, an answer that is not JSON:
 *   {@link ContentUnavailableException}.</li>
 * </ul>
 * Redirects are followed or not as the shared {@link HttpClient} is configured.
 *
 * <p>Immutable and thread-safe (as {@link HttpClient} is).
 */
public final class JsonHttp {

    private final HttpClient client;
    private final JsonDocuments json;
    private final HttpEndpoint endpoint;
    private final String unauthorized;
    private final String forbidden;

    /**
     * @param client       the shared client
     * @param json         reads the answers
     * @param endpoint     where the CMS is, the timeout and the size limit
     * @param unauthorized what HTTP 401 means in the CMS's terms, e.g. "the API token was refused"
     * @param forbidden    what HTTP 403 means in the CMS's terms, e.g. "the API token may not read this"
     */
    public JsonHttp(HttpClient client, JsonDocuments json, HttpEndpoint endpoint, String unauthorized,
            String forbidden) {
        this.client = Objects.requireNonNull(client, "client");
        this.json = Objects.requireNonNull(json, "json");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.unauthorized = Objects.requireNonNull(unauthorized, "unauthorized");
        this.forbidden = Objects.requireNonNull(forbidden, "forbidden");
    }

    /** Where the CMS is. */
    public HttpEndpoint endpoint() {
        return endpoint;
    }

    /**
     * GETs {@code path} under the base URL and reads the JSON answer.
     *
     * @param path    relative to the base URL, e.g. {@code wp-json/wp/v2/pages}
     * @param headers extra request headers, e.g. {@code Authorization}; their values never appear in messages
     * @return a 2xx answer that is JSON
     * @throws ContentSourceTimeoutException when the whole exchange took longer than the timeout
     * @throws ContentUnavailableException   on any other failure (see the class comment)
     */
    public Answer get(String path, Query query, Map<String, String> headers) {
        URI uri = endpoint.resolve(path, query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .timeout(endpoint.timeout())
                .header("Accept", "application/json");
        headers.forEach(request::header);
        HttpResponse<byte[]> response = send(uri, request.build());
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new ContentUnavailableException("HTTP " + status + ": " + (status == 401 ? unauthorized : forbidden)
                    + " (" + uri + ")", null);
        }
        if (status < 200 || status > 299) {
            // A redirect the client does not follow usually means another base URL (https, www): say which.
            throw new ContentUnavailableException("HTTP " + status + " from " + uri + response.headers()
                    .firstValue("Location").filter(location -> status / 100 == 3)
                    .map(location -> " (redirected to " + location + ")").orElse(""), null);
        }
        try {
            return new Answer(uri, response.headers(), json.parse(response.body()));
        } catch (JsonException e) {
            throw new ContentUnavailableException("unreadable answer (not JSON) from " + uri, e);
        }
    }

    /**
     * Runs a connection check: {@code probe} makes its requests and says in plain words what it reached; a
     * {@link ContentUnavailableException} on the way is a failed check with the exception's message as the problem.
     *
     * @param tried what is being checked, e.g. {@code Strapi at http://127.0.0.1:1337/}
     */
    public ConnectionCheck check(String tried, Supplier<String> probe) {
        long start = System.nanoTime();
        try {
            String summary = probe.get();
            return ConnectionCheck.reached(summary, Duration.ofNanos(System.nanoTime() - start));
        } catch (ContentUnavailableException e) {
            return ConnectionCheck.failed(tried, Duration.ofNanos(System.nanoTime() - start), e.getMessage());
        }
    }

    private HttpResponse<byte[]> send(URI uri, HttpRequest request) {
        // The request timeout ends with the response headers; the deadline on the future covers the answer too.
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, info -> info.statusCode() / 100 == 2
                ? BoundedBody.handler(endpoint.maxAnswerBytes()).apply(info)
                : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            return pending.get(endpoint.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(uri, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ContentUnavailableException("interrupted while waiting for " + uri, e);
        } catch (ExecutionException e) {
            throw failed(uri, e.getCause());
        }
    }

    private ContentUnavailableException failed(URI uri, Throwable failure) {
        if (failure instanceof HttpTimeoutException) {
            return timedOut(uri, failure);
        }
        if (failure instanceof ConnectException) {
            String origin = uri.getScheme() + "://" + uri.getRawAuthority() + "/";
            String reason = failure.getMessage();
            return new ContentUnavailableException(reason == null || reason.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused at " + origin : "could not connect to " + origin + ": " + reason, failure);
        }
        if (failure instanceof BoundedBody.TooLargeException) {
            return new ContentUnavailableException(failure.getMessage() + " from " + uri, failure);
        }
        if (failure instanceof IOException) {
            String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            return new ContentUnavailableException("no answer from " + uri + ": " + reason, failure);
        }
        return new ContentUnavailableException("request to " + uri + " failed: " + failure, failure);
    }

    private ContentSourceTimeoutException timedOut(URI uri, Throwable cause) {
        return new ContentSourceTimeoutException("timed out after " + describe(endpoint.timeout()) + " at " + uri,
                cause);
    }

    /** A duration as people write it: {@code 2 s}, {@code 1.5 s}, {@code 250 ms}. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    /**
     * A 2xx JSON answer.
     *
     * @param uri     what was asked, for messages
     * @param headers the answer's headers (e.g. WordPress's {@code X-WP-Total})
     * @param body    the JSON
     */
    public record Answer(URI uri, HttpHeaders headers, JsonValue body) {

        /**
         * {@code reader} applied to the body; an answer of an unexpected shape (a {@link JsonException} or an
         * unparseable date from {@code reader}) is a {@link ContentUnavailableException}.
         */
        public <T> T read(Function<JsonValue, T> reader) {
            try {
                return reader.apply(body);
            } catch (JsonException | DateTimeException e) {
                throw new ContentUnavailableException("unexpected answer from " + uri + ": " + e.getMessage(), e);
            }
        }
    }
}
