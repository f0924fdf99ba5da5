package org.portico.web.asset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.portico.cdn.encoding.AcceptEncoding;
import org.portico.cdn.encoding.ContentEncoding;
import org.portico.cdn.http.ByteRange;
import org.portico.cdn.http.CacheControl;
import org.portico.cdn.http.EntityTag;
import org.portico.cdn.http.IfNoneMatch;
import org.portico.web.asset.ImmutableContentServlet.Content;
import org.portico.web.asset.ImmutableContentServlet.Forbidden;
import org.portico.web.asset.ImmutableContentServlet.Representation;

/**
 * How content under a name that changes with it is answered, whatever carries the exchange: the servlet API
 * ({@link ImmutableContentServlet}) or Undertow itself ({@link AssetHandler}). A ladder of guard clauses:
 * <ol>
 * <li>405 for methods other than GET and HEAD;</li>
 * <li>403 (plain, {@code no-store}) when the finder refuses ({@link Forbidden}), 404 (plain, {@code no-store}: another
 * node may know the name a moment later, a CDN must not pin the 404) for a name that serves nothing;</li>
 * <li>the representation chosen by {@code Accept-Encoding} among the content's codings, each with an entity tag of
 * its own ({@code Vary: Accept-Encoding} when there is a choice); 304 when {@code If-None-Match} matches it;</li>
 * <li>206 with one byte range for a {@code Range} request (unless an {@code If-Range} names another representation),
 * 416 for a range beyond its end; else 200 with all of it.</li>
 * </ol>
 * Every found answer has its type, length, cache policy, {@code Accept-Ranges} and {@code nosniff} (HEAD: no body).
 */
final class ImmutableAnswer {

    /** One request and its response, as the carrier sees them. */
    interface Exchange {
        String method();

        /** The field lines of a request header, none when absent. */
        List<String> requestHeaders(String name);

        void status(int status);

        void header(String name, String value);

        /** Ends the response with this body (which the caller set the length of), or without one for HEAD or 304. */
        void send(ByteBuffer body) throws IOException;
    }

    /** Finds the content of the exchange's name: empty for none, {@link Forbidden} for a refusal. */
    @FunctionalInterface
    interface Finder {
        Optional<Content> find();
    }

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private ImmutableAnswer() {
    }

    /** Answers the exchange; {@code extraHeaders} runs for every found content's answer (200, 206, 304, 416). */
    static void answer(Exchange exchange, Finder finder, Runnable extraHeaders) throws IOException {
        String method = exchange.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.header("Allow", "GET, HEAD");
            plain(exchange, 405, "Method not allowed");
            return;
        }
        Optional<Content> found;
        try {
            found = finder.find();
        } catch (Forbidden e) {
            exchange.header("Cache-Control", CacheControl.noStore().toHeaderValue());
            plain(exchange, 403, "Forbidden");
            return;
        }
        if (found.isEmpty()) {
            exchange.header("Cache-Control", CacheControl.noStore().toHeaderValue());
            plain(exchange, 404, "Not found");
            return;
        }
        Content content = found.get();
        ContentEncoding encoding = content.encodings().isEmpty() ? ContentEncoding.IDENTITY
                : AcceptEncoding.parse(exchange.requestHeaders("Accept-Encoding")).choose(content.encodings());
        Representation representation = content.representation().apply(encoding);
        exchange.header("ETag", representation.etagHeader());
        exchange.header("Cache-Control", content.cacheControlHeader());
        exchange.header("X-Content-Type-Options", "nosniff");
        exchange.header("Accept-Ranges", "bytes");
        if (!content.encodings().isEmpty()) {
            exchange.header("Vary", "Accept-Encoding");
        }
        extraHeaders.run();
        List<String> ifNoneMatch = exchange.requestHeaders("If-None-Match");
        // A browser revalidates with exactly the ETag it was sent: that needs no parsing.
        boolean clientHasIt = ifNoneMatch.size() == 1 && ifNoneMatch.get(0).equals(representation.etagHeader())
                || IfNoneMatch.parse(ifNoneMatch).filter(condition -> condition.matches(representation.etag())).isPresent();
        if (clientHasIt) {
            exchange.status(304);
            exchange.send(NOTHING);
            return;
        }
        ByteRange.Request range = rangeOf(exchange, representation);
        if (range instanceof ByteRange.Unsatisfiable) {
            exchange.header("Content-Range", ByteRange.unsatisfied(representation.length()));
            plain(exchange, 416, "Range not satisfiable");
            return;
        }
        exchange.header("Content-Type", content.contentType());
        if (encoding != ContentEncoding.IDENTITY) {
            exchange.header("Content-Encoding", encoding.token());
        }
        ByteBuffer body = representation.bytes();
        if (range instanceof ByteRange.Satisfiable satisfiable) {
            body = body.slice((int) satisfiable.range().first(), (int) satisfiable.range().length());
            exchange.status(206);
            exchange.header("Content-Range", satisfiable.range().contentRange());
        } else {
            exchange.status(200);
        }
        exchange.header("Content-Length", String.valueOf(body.remaining()));
        exchange.send(method.equals("GET") ? body : NOTHING);
    }

    /** The range asked for, ignored when an {@code If-Range} does not name this representation (RFC 9110 13.1.5). */
    private static ByteRange.Request rangeOf(Exchange exchange, Representation representation) {
        List<String> ifRange = exchange.requestHeaders("If-Range");
        if (!ifRange.isEmpty() && EntityTag.parse(ifRange.get(0))
                .filter(tag -> tag.strongMatch(representation.etag())).isEmpty()) {
            return ByteRange.Request.IGNORED;
        }
        return ByteRange.parse(exchange.requestHeaders("Range"), representation.length());
    }

    private static void plain(Exchange exchange, int status, String message) throws IOException {
        byte[] text = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.status(status);
        exchange.header("Content-Type", "text/plain;charset=UTF-8");
        exchange.header("X-Content-Type-Options", "nosniff");
        exchange.header("Content-Length", String.valueOf(text.length));
        exchange.send(exchange.method().equals("HEAD") ? NOTHING : ByteBuffer.wrap(text));
    }
}
