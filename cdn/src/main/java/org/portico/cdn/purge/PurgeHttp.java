package org.portico.cdn.purge;

import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * One vendor's HTTP API as the Fastly and Cloudflare adapters use it: the whole exchange (connect, headers, answer)
 * within the target's timeout, failures to reach the API turned into retryable {@link PurgeException}s, and the
 * vendor's {@code Retry-After} read against the injected clock. Messages name the vendor and the URL and never the
 * credential (it is blanked out of whatever the vendor says, should the vendor echo it).
 *
 * <p>Immutable and thread-safe (as {@link HttpClient} is).
 */
final class PurgeHttp {

    /** The most of an answer that is kept: vendors' purge and check answers are a few hundred bytes. */
    private static final int MAX_ANSWER_CHARS = 256 * 1024;

    private final HttpClient client;
    private final String vendor;
    private final URI endpoint;
    private final Duration timeout;
    private final String credential;
    private final Clock clock;

    PurgeHttp(HttpClient client, String vendor, TargetSettings settings, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.vendor = vendor;
        this.endpoint = settings.endpoint();
        this.timeout = settings.timeout();
        this.credential = settings.credential();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    String credential() {
        return credential;
    }

    /** {@code path} under the endpoint, such as {@code /service/SU1Z0isxPaozGVKXdv0eY/purge}. */
    URI resolve(String path) {
        return URI.create(endpoint + path);
    }

    /**
     * Sends the request and returns the vendor's answer, whatever its status.
     *
     * @param what what the request does, for messages, such as {@code "purging 3 tags"}
     * @throws PurgeException (retryable) when the API could not be reached or did not answer within the timeout
     */
    Answer send(HttpRequest.Builder request, String what) throws PurgeException {
        HttpRequest built = request.timeout(timeout).build();
        URI uri = built.uri();
        // The request timeout ends with the answer's headers; the deadline on the future covers its body too.
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(built,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            String body = response.body() == null ? "" : response.body();
            return new Answer(uri, response.statusCode(), response.headers(),
                    body.length() > MAX_ANSWER_CHARS ? body.substring(0, MAX_ANSWER_CHARS) : body);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(what, uri, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new PurgeException("Interrupted while " + what + " at " + vendor + " (" + uri + ")", true, null, e);
        } catch (ExecutionException e) {
            throw unreachable(what, uri, e.getCause());
        }
    }

    /**
     * The exception for an answer outside 2xx: retryable for 408, 429 and 5xx (with the vendor's
     * {@code Retry-After}, or {@code rateLimitReset} when it gave none), not for other statuses, which need an admin.
     *
     * @param explanation what the status means here, in the vendor's terms
     */
    PurgeException refused(Answer answer, String what, String explanation, Optional<Instant> rateLimitReset) {
        int status = answer.status();
        boolean retryable = status == 408 || status == 429 || status >= 500;
        Duration retryAfter = retryAfter(answer.headers())
                .or(() -> rateLimitReset.map(reset -> fromNowUntil(reset)))
                .orElse(null);
        return new PurgeException(redact(vendor + " answered HTTP " + status + " " + what + " (" + answer.uri()
                + "): " + explanation), retryable, retryable ? retryAfter : null, null);
    }

    /** An answer that should be JSON and is not, or not of the expected shape: retryable, a purge can be resent. */
    PurgeException unreadable(Answer answer, String what, String problem) {
        return new PurgeException(redact(vendor + " answered HTTP " + answer.status() + " " + what + " ("
                + answer.uri() + ") with " + problem + ": '" + PurgeRequests.excerpt(answer.body()) + "'"), true);
    }

    /** The body as a JSON object, if it is one. */
    static Optional<JsonObject> jsonObject(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? Optional.of(value.asJsonObject())
                    : Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110, section 10.2.3), from the clock's now.
     */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(String::strip).flatMap(value -> {
            if (value.matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            try {
                return Optional.of(fromNowUntil(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant()));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** From the clock's now until {@code instant}, zero when it has passed. */
    Duration fromNowUntil(Instant instant) {
        Duration wait = Duration.between(clock.instant(), instant);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** The text with the credential blanked out. */
    String redact(String text) {
        return text.replace(credential, "[credential]");
    }

    private PurgeException timedOut(String what, URI uri, Throwable cause) {
        return new PurgeException(vendor + " did not answer within " + PurgeRequests.describe(timeout) + " " + what
                + " (" + uri + ")", true, null, cause);
    }

    private PurgeException unreachable(String what, URI uri, Throwable failure) {
        if (failure instanceof HttpTimeoutException) {
            return timedOut(what, uri, failure);
        }
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        if (failure instanceof ConnectException) {
            return new PurgeException(vendor + " could not be reached at " + origin + " " + what
                    + " (connection refused or no route)", true, null, failure);
        }
        String reason = failure instanceof IOException && failure.getMessage() != null ? failure.getMessage()
                : failure.getClass().getSimpleName();
        return new PurgeException(redact(vendor + " could not be reached at " + origin + " " + what + ": " + reason),
                true, null, failure);
    }

    /**
     * The vendor's answer.
     *
     * @param uri     what was asked
     * @param status  the HTTP status
     * @param headers the answer's headers
     * @param body    the answer's text (its first 256 KiB)
     */
    record Answer(URI uri, int status, HttpHeaders headers, String body) {

        boolean ok() {
            return status / 100 == 2;
        }
    }
}
