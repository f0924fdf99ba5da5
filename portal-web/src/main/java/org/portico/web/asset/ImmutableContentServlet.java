package org.portico.web.asset;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.cdn.encoding.AcceptEncoding;
import org.portico.cdn.encoding.ContentEncoding;
import org.portico.cdn.http.ByteRange;
import org.portico.cdn.http.CacheControl;
import org.portico.cdn.http.EntityTag;
import org.portico.cdn.http.IfNoneMatch;

/**
 * Serves content under names that change whenever the content does (a fingerprint, a hash), so every answer is
 * cacheable for a year by browsers and CDNs ({@code public, max-age=31536000, immutable}). Subclasses say what a name
 * serves ({@link #find}) and may add headers ({@link #addHeaders}).
 *
 * <p>A ladder of guard clauses: 405 for methods other than GET and HEAD; 403 (plain text, {@code no-store}) for a
 * request a subclass refuses ({@link Forbidden}, such as a signed URL that expired); 404 (plain text,
 * {@code no-store}: another node may know the name a moment later, a CDN must not pin the 404) for a name that serves
 * nothing. Then the
 * representation is chosen by {@code Accept-Encoding} among the content's precompressed codings (brotli, gzip,
 * identity; {@code Vary: Accept-Encoding} when there is a choice), each with an entity tag of its own: 304 when the
 * client's {@code If-None-Match} matches it; 206 with one byte range of it for a {@code Range} request (unless an
 * {@code If-Range} names another representation), 416 for a range beyond its end; else 200 with all of it. Every
 * found answer has its type, length, {@code Accept-Ranges} and {@code nosniff} (HEAD: without the body), and the
 * content's {@code Cache-Control}: a year and {@code immutable} unless the subclass says otherwise.
 */
public abstract class ImmutableContentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /**
     * What a name serves.
     *
     * @param contentType    its media type, as sent
     * @param encodings      the codings it is also available in besides identity (none for content sent as is)
     * @param representation the content in a coding of {@code encodings}, or in identity
     * @param cacheControl   how long it may be cached, and by whom
     */
    public record Content(String contentType, Set<ContentEncoding> encodings,
                          Function<ContentEncoding, Representation> representation, CacheControl cacheControl) {

        /** Content cached for a year, {@code immutable}: its name changes whenever it does. */
        public Content(String contentType, Set<ContentEncoding> encodings,
                       Function<ContentEncoding, Representation> representation) {
            this(contentType, encodings, representation, CacheControl.fingerprinted());
        }

        /** Content sent only as is: {@code bytes} under {@code etag}, cached for a year. */
        public static Content identity(EntityTag etag, String contentType, byte[] bytes) {
            Representation only = new Representation(etag, ContentEncoding.IDENTITY, bytes.length,
                    (out, offset, length) -> out.write(bytes, offset, length));
            return new Content(contentType, Set.of(), encoding -> only);
        }

        /** The same content, cached as {@code cacheControl} says. */
        public Content cachedAs(CacheControl cacheControl) {
            return new Content(contentType, encodings, representation, cacheControl);
        }
    }

    /** A request refused with 403 by {@link #find(HttpServletRequest)}; its message is for the log only. */
    public static final class Forbidden extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Forbidden(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The content in one coding.
     *
     * @param etag     its strong entity tag, different for each coding of the same content
     * @param encoding its coding
     * @param length   in bytes
     * @param body     writes a slice of its bytes
     */
    public record Representation(EntityTag etag, ContentEncoding encoding, int length, Body body) {
    }

    /** Writes a slice of a representation's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out, int offset, int length) throws IOException;
    }

    /**
     * The content the request's path names.
     *
     * @param pathInfo the path after the servlet's, such as {@code /css/portico.HbpQaHWSlgQc.css}; null for none
     * @return empty for a name that serves nothing (404)
     */
    protected abstract Optional<Content> find(String pathInfo);

    /**
     * The content a request names: by default {@link #find(String)} of its path. Subclasses that look at more of the
     * request (its query, say) override this.
     *
     * @throws Forbidden when the request may not have what it names (403)
     */
    protected Optional<Content> find(HttpServletRequest request) {
        return find(request.getPathInfo());
    }

    /** Sets headers of a found content's answer (200, 206, 304, 416) beyond the ones every answer has; none by default. */
    protected void addHeaders(HttpServletResponse response) {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            plain(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method not allowed");
            return;
        }
        Optional<Content> found;
        try {
            found = find(request);
        } catch (Forbidden e) {
            response.setHeader("Cache-Control", CacheControl.noStore().toHeaderValue());
            plain(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden");
            return;
        }
        if (found.isEmpty()) {
            response.setHeader("Cache-Control", CacheControl.noStore().toHeaderValue());
            plain(response, HttpServletResponse.SC_NOT_FOUND, "Not found");
            return;
        }
        Content content = found.get();
        ContentEncoding encoding = content.encodings().isEmpty() ? ContentEncoding.IDENTITY
                : AcceptEncoding.parse(Collections.list(request.getHeaders("Accept-Encoding")))
                        .choose(content.encodings());
        Representation representation = content.representation().apply(encoding);
        response.setHeader("ETag", representation.etag().toHeaderValue());
        response.setHeader("Cache-Control", content.cacheControl().toHeaderValue());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Accept-Ranges", "bytes");
        if (!content.encodings().isEmpty()) {
            response.setHeader("Vary", "Accept-Encoding");
        }
        addHeaders(response);
        boolean clientHasIt = IfNoneMatch.parse(Collections.list(request.getHeaders("If-None-Match")))
                .filter(condition -> condition.matches(representation.etag()))
                .isPresent();
        if (clientHasIt) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        ByteRange.Request range = rangeOf(request, representation);
        if (range instanceof ByteRange.Unsatisfiable) {
            response.setHeader("Content-Range", ByteRange.unsatisfied(representation.length()));
            plain(response, HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable");
            return;
        }
        response.setContentType(content.contentType());
        if (encoding != ContentEncoding.IDENTITY) {
            response.setHeader("Content-Encoding", encoding.token());
        }
        int offset = 0;
        int length = representation.length();
        if (range instanceof ByteRange.Satisfiable satisfiable) {
            offset = (int) satisfiable.range().first();
            length = (int) satisfiable.range().length();
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", satisfiable.range().contentRange());
        } else {
            response.setStatus(HttpServletResponse.SC_OK);
        }
        response.setContentLength(length);
        if (method.equals("GET")) {
            representation.body().writeTo(response.getOutputStream(), offset, length);
        }
    }

    /** The range asked for, ignored when an {@code If-Range} does not name this representation (RFC 9110 13.1.5). */
    private static ByteRange.Request rangeOf(HttpServletRequest request, Representation representation) {
        String ifRange = request.getHeader("If-Range");
        if (ifRange != null && EntityTag.parse(ifRange).filter(tag -> tag.strongMatch(representation.etag()))
                .isEmpty()) {
            return ByteRange.Request.IGNORED;
        }
        return ByteRange.parse(Collections.list(request.getHeaders("Range")), representation.length());
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(message);
    }
}
