package org.portico.web.asset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.cdn.encoding.ContentEncoding;
import org.portico.cdn.http.CacheControl;
import org.portico.cdn.http.EntityTag;

/**
 * Serves content under names that change whenever the content does (a fingerprint, a hash), so every answer is
 * cacheable for a year by browsers and CDNs ({@code public, max-age=31536000, immutable}). Subclasses say what a name
 * serves ({@link #find}) and may add headers ({@link #addHeaders}); {@link ImmutableAnswer} answers: 405, 403 for a
 * request a subclass refuses ({@link Forbidden}, such as a signed URL that expired), 404, then the representation
 * chosen by {@code Accept-Encoding} with 304, 206 or 416 for ranges, or 200; the content's {@code Cache-Control} is a
 * year and {@code immutable} unless the subclass says otherwise.
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
     * @param cacheControlHeader {@code cacheControl} as sent, written once rather than for every answer
     */
    public record Content(String contentType, Set<ContentEncoding> encodings,
                          Function<ContentEncoding, Representation> representation, CacheControl cacheControl,
                          String cacheControlHeader) {

        public Content(String contentType, Set<ContentEncoding> encodings,
                       Function<ContentEncoding, Representation> representation, CacheControl cacheControl) {
            this(contentType, encodings, representation, cacheControl, cacheControl.toHeaderValue());
        }

        /** Content cached for a year, {@code immutable}: its name changes whenever it does. */
        public Content(String contentType, Set<ContentEncoding> encodings,
                       Function<ContentEncoding, Representation> representation) {
            this(contentType, encodings, representation, CacheControl.fingerprinted());
        }

        /** Content sent only as is: {@code bytes} under {@code etag}, cached for a year. */
        public static Content identity(EntityTag etag, String contentType, byte[] bytes) {
            Representation only = new Representation(etag, ContentEncoding.IDENTITY, ByteBuffer.wrap(bytes));
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
     * @param bytes    its bytes, read-only
     * @param etagHeader {@code etag} as sent, written once rather than for every answer
     */
    public record Representation(EntityTag etag, ContentEncoding encoding, ByteBuffer bytes, String etagHeader) {

        public Representation {
            bytes = bytes.asReadOnlyBuffer();
        }

        public Representation(EntityTag etag, ContentEncoding encoding, ByteBuffer bytes) {
            this(etag, encoding, bytes, etag.toHeaderValue());
        }

        /** Its bytes, a buffer of their own for each call: sending one consumes it, and answers share the bytes. */
        @Override
        public ByteBuffer bytes() {
            return bytes.duplicate();
        }

        /** Its length in bytes. */
        public int length() {
            return bytes.remaining();
        }
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
        ImmutableAnswer.answer(new ServletExchange(request, response), () -> find(request),
                () -> addHeaders(response));
    }

    /** The servlet API as the answer ladder's exchange. */
    private record ServletExchange(HttpServletRequest request, HttpServletResponse response)
            implements ImmutableAnswer.Exchange {

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public List<String> requestHeaders(String name) {
            return Collections.list(request.getHeaders(name));
        }

        @Override
        public void status(int status) {
            response.setStatus(status);
        }

        @Override
        public void header(String name, String value) {
            if (name.equals("Content-Type")) {
                response.setContentType(value);
            } else if (name.equals("Content-Length")) {
                response.setContentLengthLong(Long.parseLong(value));
            } else {
                response.setHeader(name, value);
            }
        }

        @Override
        public void send(ByteBuffer body) throws IOException {
            if (body.hasRemaining()) {
                WritableByteChannel channel = Channels.newChannel(response.getOutputStream());
                while (body.hasRemaining()) {
                    channel.write(body);
                }
            }
        }
    }
}
