package org.portico.cdn.purge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A CDN's API (or a Varnish) on 127.0.0.1 for the adapters' tests: answers each request with the next scripted
 * {@link Answer} (the last one again when the script runs out), remembers every request exactly as it arrived, and
 * can hang until it is closed.
 */
final class FakeCdnServer implements AutoCloseable {

    /** An answer; {@code hang} keeps the request open without a byte until the server is closed. */
    record Answer(int status, Map<String, String> headers, String body, boolean hang) {

        static Answer of(int status, String contentType, String body) {
            return new Answer(status, Map.of("Content-Type", contentType), body, false);
        }

        static Answer json(int status, String body) {
            return of(status, "application/json", body);
        }

        static Answer xml(int status, String body) {
            return of(status, "text/xml", body);
        }

        static Answer text(int status, String body) {
            return of(status, "text/plain; charset=utf-8", body);
        }

        static Answer hanging() {
            return new Answer(200, Map.of(), "", true);
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new java.util.LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, Map.copyOf(more), body, hang);
        }
    }

    /** A request as it arrived: method, raw path and query, headers, body. */
    record Request(String method, String target, Headers headers, String body) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.getFirst(name));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FakeCdnServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeCdnServer start() {
        try {
            return new FakeCdnServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake CDN", e);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code 127.0.0.1:<port>}, as a Host header names this server. */
    String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next requests with these, in order; the last one stays. */
    FakeCdnServer answer(Answer... answers) {
        synchronized (script) {
            script.clear();
            script.addAll(List.of(answers));
        }
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The one request received. */
    Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.get(0);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** An endpoint where nothing listens: a port that was free a moment ago. */
    static URI refusingEndpoint() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A server that answers every connection with {@code bytes}, such as something that is not HTTP, and closes it
     * (or, with {@code keepOpen}, leaves it open until the client goes). Closing the returned socket stops it.
     */
    static ServerSocket answeringRaw(String bytes, boolean keepOpen) throws IOException {
        ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    OutputStream out = socket.getOutputStream();
                    out.write(bytes.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (keepOpen) {
                        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-answer");
        thread.setDaemon(true);
        thread.start();
        return listener;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            requests.add(new Request(exchange.getRequestMethod(), target, exchange.getRequestHeaders(), body));
            Answer answer;
            synchronized (script) {
                answer = script.size() > 1 ? script.poll() : script.peek();
            }
            if (answer == null) {
                answer = Answer.text(404, "no answer scripted");
            }
            if (answer.hang()) {
                closing.await(30, TimeUnit.SECONDS);
                return;
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
