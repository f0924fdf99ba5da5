package org.portico.cdn.purge;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Varnish with varnish-modules' xkey, in the protocol Portico's VCL implements:
 * <ul>
 *   <li>URL purge: {@code PURGE <path?query>} with {@code Host: <the URL's host[:port]>}, one URL per request;</li>
 *   <li>tag purge: {@code PURGE /} with {@code xkey-purge: <tags separated by single spaces>}, up to 100 tags;</li>
 *   <li>200 (body such as {@code Invalidated 3 objects}) is success, anything else an error: 5xx retryable (Varnish
 *   or its backend is unwell), 4xx not (the VCL refuses purges from this address or does not know the request).</li>
 * </ul>
 * Spoken over a plain socket (HTTP/1.1, one request per connection): {@code java.net.http} refuses to set the
 * {@code Host} header, and a URL purge must carry the public host rather than Varnish's address. Only {@code http}
 * endpoints: Varnish does not terminate TLS.
 *
 * <p>Immutable and thread-safe (each call opens its own connection).
 */
final class VarnishPurger implements CdnPurger {

    static final PurgeLimits LIMITS = new PurgeLimits(100, 1);
    /** A tag nothing carries: {@link #check()} purges it, which proves Varnish takes our purges and costs nothing. */
    static final String CHECK_TAG = "portico:connection-check";

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: (.*))?");
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;
    private static final int MAX_BODY = 4 * 1024;

    private final URI endpoint;
    private final Duration timeout;

    /**
     * @throws IllegalArgumentException when the endpoint is not {@code http}
     */
    VarnishPurger(URI endpoint, Duration timeout) {
        if (!endpoint.getScheme().equals("http") || !(endpoint.getRawPath() == null
                || endpoint.getRawPath().isEmpty())) {
            throw new IllegalArgumentException("Varnish purge target: the endpoint must be Varnish's plain HTTP "
                    + "listen address without a path, such as http://varnish:6081, got '" + endpoint + "'");
        }
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    @Override
    public PurgeLimits limits() {
        return LIMITS;
    }

    @Override
    public void purge(Purge purge) throws PurgeException {
        PurgeRequests.requireWithin(LIMITS, purge, "Varnish");
        List<URI> urls = PurgeRequests.sortedUrls(purge);
        if (!purge.tags().isEmpty()) {
            List<String> tags = PurgeRequests.sortedTags(purge);
            expectOk(purgeTags(tags), "purging " + tags.size() + (tags.size() == 1 ? " tag" : " tags"));
        }
        for (URI url : urls) {
            String what = "purging " + url;
            expectOk(send(PurgeRequests.pathAndQuery(url), PurgeRequests.hostAndPort(url), Optional.empty(), what),
                    what);
        }
    }

    @Override
    public String check() throws PurgeException {
        String what = "purging the test tag " + CHECK_TAG;
        Answer answer = purgeTags(List.of(CHECK_TAG));
        expectOk(answer, what);
        return "Varnish at " + endpoint + (answer.body().isBlank() ? "" : " (" + answer.body() + ")");
    }

    private Answer purgeTags(List<String> tags) throws PurgeException {
        String what = "purging " + tags.size() + (tags.size() == 1 ? " tag" : " tags");
        return send("/", PurgeRequests.hostAndPort(endpoint), Optional.of(String.join(" ", tags)), what);
    }

    private void expectOk(Answer answer, String what) throws PurgeException {
        if (answer.status() == 200) {
            return;
        }
        boolean retryable = answer.status() >= 500 || answer.status() == 408 || answer.status() == 429;
        String explanation = switch (answer.status()) {
            case 403, 405 -> "its VCL does not accept purges from Portico's address (see the acl in the VCL)";
            case 501 -> "its VCL does not handle PURGE (is the purge VCL loaded?)";
            default -> answer.status() >= 500 ? "Varnish or its backend is unwell" : "the purge was refused";
        };
        throw new PurgeException("Varnish at " + endpoint + " answered " + answer.status()
                + (answer.reason().isBlank() ? "" : " " + answer.reason()) + " " + what + ": " + explanation
                + (answer.body().isBlank() ? "" : "; Varnish says: " + answer.body()),
                retryable, retryable ? answer.retryAfter().orElse(null) : null, null);
    }

    /** One {@code PURGE} exchange on a connection of its own. */
    private Answer send(String target, String host, Optional<String> xkeys, String what) throws PurgeException {
        StringBuilder request = new StringBuilder()
                .append("PURGE ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n");
        xkeys.ifPresent(keys -> request.append("xkey-purge: ").append(keys).append("\r\n"));
        request.append("User-Agent: Portico\r\n")
                .append("Content-Length: 0\r\n")
                .append("Connection: close\r\n\r\n");
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort() == -1 ? 80
                    : endpoint.getPort()), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            // URLs are in their ASCII form and tags have no spaces or controls (checked), so no header can be forged
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), what);
        } catch (ConnectException e) {
            throw new PurgeException("Varnish could not be reached at " + endpoint + " " + what
                    + " (connection refused or no route)", true, null, e);
        } catch (SocketTimeoutException e) {
            throw new PurgeException("Varnish at " + endpoint + " did not answer within "
                    + PurgeRequests.describe(timeout) + " " + what, true, null, e);
        } catch (IOException e) {
            throw new PurgeException("Varnish could not be reached at " + endpoint + " " + what + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), true, null, e);
        }
    }

    private Answer read(InputStream in, String what) throws IOException, PurgeException {
        String statusLine = readLine(in);
        Matcher status = statusLine == null ? null : STATUS_LINE.matcher(statusLine);
        if (status == null || !status.matches()) {
            // Not HTTP: another service on that port, most likely. Resending may work once the address is right.
            throw new PurgeException("Varnish at " + endpoint + " answered something that is not HTTP " + what
                    + ": '" + PurgeRequests.excerpt(statusLine == null ? "" : statusLine) + "'", true);
        }
        long contentLength = -1;
        Optional<Duration> retryAfter = Optional.empty();
        for (int count = 0; count < MAX_HEADERS; count++) {
            String line = readLine(in);
            if (line == null || line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("content-length") && value.matches("\\d{1,18}")) {
                contentLength = Long.parseLong(value);
            } else if (name.equals("retry-after") && value.matches("\\d{1,9}")) {
                retryAfter = Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
        }
        byte[] body = readBody(in, (int) (contentLength < 0 ? MAX_BODY : Math.min(contentLength, MAX_BODY)));
        return new Answer(Integer.parseInt(status.group(1)), status.group(2) == null ? "" : status.group(2).strip(),
                PurgeRequests.excerpt(new String(body, StandardCharsets.UTF_8)), retryAfter);
    }

    /**
     * Up to {@code limit} bytes of the body, for messages. A server that keeps the connection open after a body
     * without length (despite {@code Connection: close}) has already given its status: what arrived is enough.
     */
    private static byte[] readBody(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        try {
            int read;
            while (body.size() < limit && (read = in.read(buffer, 0, Math.min(buffer.length, limit - body.size())))
                    != -1) {
                body.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            // the status and headers are in; the body only explains
        }
        return body.toByteArray();
    }

    /** A line without its CR LF; null at the end of the stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() == MAX_LINE) {
                throw new IOException("a line of the answer is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Varnish's answer: status, reason phrase, the first bytes of the body as one line, its Retry-After. */
    private record Answer(int status, String reason, String body, Optional<Duration> retryAfter) {
    }
}
