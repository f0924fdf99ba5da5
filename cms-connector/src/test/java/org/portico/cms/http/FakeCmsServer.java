package org.portico.cms.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.function.Executable;
import org.portico.cms.spi.ContentSourceTimeoutException;
import org.portico.cms.spi.ContentUnavailableException;

/**
 * A CMS on 127.0.0.1 for the adapters' tests: answers what each path is told to answer (404 otherwise), remembers
 * every request, and can be slow, large or broken on demand.
 */
public final class FakeCmsServer implements AutoCloseable {

    /** An answer: status, headers, body, and how long to wait before the headers and before the body. */
    public record Answer(int status, Map<String, String> headers, byte[] body, Duration beforeHeaders,
            Duration beforeBody, boolean declareLength) {

        public static Answer json(int status, String json) {
            return new Answer(status, Map.of("Content-Type", "application/json; charset=UTF-8"),
                    json.getBytes(StandardCharsets.UTF_8), Duration.ZERO, Duration.ZERO, true);
        }

        public static Answer html(int status, String html) {
            return new Answer(status, Map.of("Content-Type", "text/html; charset=UTF-8"),
                    html.getBytes(StandardCharsets.UTF_8), Duration.ZERO, Duration.ZERO, true);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, more, body, beforeHeaders, beforeBody, declareLength);
        }

        public Answer delayedBeforeHeaders(Duration delay) {
            return new Answer(status, headers, body, delay, beforeBody, declareLength);
        }

        public Answer delayedBeforeBody(Duration delay) {
            return new Answer(status, headers, body, beforeHeaders, delay, declareLength);
        }

        /** Sent chunked, without a Content-Length, so only counting the bytes finds it too large. */
        public Answer chunked() {
            return new Answer(status, headers, body, beforeHeaders, beforeBody, false);
        }
    }

    /** A request as the server saw it. */
    public record Request(String method, String path, String rawQuery, Headers headers) {

        /** The query's parameters, decoded, in order. */
        public Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    String[] nameValue = pair.split("=", 2);
                    parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                            nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
                }
            }
            return parameters;
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.getFirst(name));
        }
    }

    /**
     * The ways a CMS fails, each with what an adapter must make of it. The adapter reads from {@link #limited()}:
     * 300 ms and 1 KiB.
     */
    public enum Failure {
        UNAUTHORIZED, SERVER_ERROR, GARBAGE, TOO_LARGE, SLOW, REFUSED;

        /**
         * Asserts that {@code call} fails as an adapter must when {@code server} fails this way: a
         * {@link ContentSourceTimeoutException} when slow, a {@link ContentUnavailableException} otherwise, whose
         * message says what happened and where.
         *
         * @param request      what the call asks for, relative to the base URL, e.g. {@code api/pages?filters}
         * @param unauthorized the adapter's words for HTTP 401
         */
        public void assertFailure(FakeCmsServer server, Executable call, String request, String unauthorized) {
            applyTo(server);
            ContentUnavailableException e = assertThrows(ContentUnavailableException.class, call);
            String url = server.baseUrl() + request;
            String expected = switch (this) {
                case UNAUTHORIZED -> "HTTP 401: " + unauthorized + " (" + url;
                case SERVER_ERROR -> "HTTP 500 from " + url;
                case GARBAGE -> "unreadable answer (not JSON) from " + url;
                case TOO_LARGE -> "answer larger than 1024 bytes from " + url;
                case SLOW -> "timed out after 300 ms at " + url;
                case REFUSED -> "connection refused at " + server.baseUrl();
            };
            assertAll(
                    () -> assertTrue(e.getMessage().startsWith(expected), e.getMessage()),
                    () -> assertEquals(this == SLOW, e instanceof ContentSourceTimeoutException));
        }

        /** Makes every path of {@code server} fail this way (for REFUSED, stops it). */
        public void applyTo(FakeCmsServer server) {
            switch (this) {
                case UNAUTHORIZED -> server.answerEverything(Answer.json(401,
                        "{\"code\":\"incorrect_password\",\"message\":\"The provided password is an invalid"
                                + " application password.\",\"data\":{\"status\":401}}"));
                case SERVER_ERROR -> server.answerEverything(Answer.html(500,
                        "<html><body><p>There has been a critical error on this website.</p></body></html>"));
                case GARBAGE -> server.answerEverything(Answer.html(200, "<html><body>Maintenance</body></html>"));
                case TOO_LARGE -> {
                    byte[] large = new byte[4096];
                    Arrays.fill(large, (byte) ' ');
                    large[0] = '[';
                    large[large.length - 1] = ']';
                    server.answerEverything(new Answer(200, Map.of(), large, Duration.ZERO, Duration.ZERO, true));
                }
                case SLOW -> server.answerEverything(
                        Answer.json(200, "[]").delayedBeforeHeaders(Duration.ofSeconds(3)));
                case REFUSED -> server.close();
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Answer everything;

    private FakeCmsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server on a free port of 127.0.0.1. */
    public static FakeCmsServer start() {
        try {
            return new FakeCmsServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake CMS", e);
        }
    }

    /** A base URL where nothing listens: a port that was free a moment ago. */
    public static String refusingBaseUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>/} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** This server with a timeout of 300 ms and answers up to 1 KiB, as {@link Failure} expects. */
    public HttpEndpoint limited() {
        return HttpEndpoint.of(baseUrl()).withTimeout(Duration.ofMillis(300)).withMaxAnswerBytes(1024);
    }

    /** Answers requests for {@code path} (without query) with {@code answer}. */
    public FakeCmsServer answer(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    /** Answers requests for {@code path} with JSON and status 200. */
    public FakeCmsServer answer(String path, String json) {
        return answer(path, Answer.json(200, json));
    }

    /** Answers every request with {@code answer}, whatever its path. */
    public void answerEverything(Answer answer) {
        everything = answer;
    }

    /** The requests so far, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The only request so far. */
    public Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        requests.add(new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                exchange.getRequestHeaders()));
        Answer answer = everything != null ? everything : answers.getOrDefault(uri.getRawPath(),
                Answer.json(404, "{\"code\":\"rest_no_route\",\"message\":\"No route was found matching the URL and"
                        + " request method.\",\"data\":{\"status\":404}}"));
        try {
            pause(answer.beforeHeaders());
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(answer.status(), answer.declareLength() ? answer.body().length : 0);
            OutputStream body = exchange.getResponseBody();
            if (!answer.beforeBody().isZero()) {
                body.write(answer.body(), 0, 1);
                body.flush();
                pause(answer.beforeBody());
                body.write(answer.body(), 1, answer.body().length - 1);
            } else {
                body.write(answer.body());
            }
        } catch (IOException e) {
            // the client hung up (timed out or refused a large answer): nothing more to say
        } finally {
            exchange.close();
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
