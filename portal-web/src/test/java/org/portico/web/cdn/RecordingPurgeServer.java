package org.portico.web.cdn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP/1.1 endpoint on loopback that takes purges the way Varnish with Portico's VCL does (one request per
 * connection) and records each: its request line and headers. It answers 200 — or, while {@link #failNext} is
 * counting down, 503 with a reason, as a Varnish whose backend is down would. Plain sockets, so it runs inside the
 * server too (an in-container test) without the JDK's {@code jdk.httpserver} module.
 */
public final class RecordingPurgeServer implements AutoCloseable {

    /** One request received. */
    public record Received(String method, String target, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();

    public RecordingPurgeServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "recording-purge-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where to point a Varnish target: {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** The next {@code count} requests are answered 503. */
    public void failNext(int count) {
        failures.set(count);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The tags of every tag purge received, in order. */
    public List<String> purgedTags() {
        List<String> tags = new ArrayList<>();
        received.stream().map(r -> r.header("xkey-purge")).filter(value -> value != null)
                .forEach(value -> tags.addAll(List.of(value.split(" "))));
        return tags;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connection.setSoTimeout(5000);
                answer(connection);
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                // a broken connection: the next one is taken
            }
        }
    }

    private void answer(Socket connection) throws IOException {
        InputStream in = connection.getInputStream();
        String[] requestLine = line(in).split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        received.add(new Received(requestLine[0], requestLine[1], headers));
        boolean fail = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        String body = fail ? "Backend fetch failed" : "Invalidated 1 objects";
        String status = fail ? "503 Service Unavailable" : "200 OK";
        OutputStream out = connection.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
