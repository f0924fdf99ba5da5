package org.portico.web.asset;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.cdn.http.CacheControl;
import org.portico.cdn.http.EntityTag;
import org.portico.cdn.http.IfNoneMatch;

/**
 * Serves content under names that change whenever the content does (a fingerprint, a hash), so every answer is
 * cacheable for a year by browsers and CDNs ({@code public, max-age=31536000, immutable}). Subclasses say what a name
 * serves ({@link #find}) and may add headers ({@link #addHeaders}).
 *
 * <p>A ladder of guard clauses: 405 for methods other than GET and HEAD; 404 (plain text, {@code no-store}: another
 * node may know the name a moment later, a CDN must not pin the 404) for a name that serves nothing; 304 when the
 * client's {@code If-None-Match} matches the content's entity tag; else 200 with the content, its type, its length and
 * {@code nosniff} (HEAD: without the body).
 */
public abstract class ImmutableContentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /**
     * What a name serves.
     *
     * @param etag        its entity tag (the content's hash)
     * @param contentType its media type, as sent
     * @param length      in bytes
     * @param body        writes the bytes
     */
    public record Content(EntityTag etag, String contentType, int length, Body body) {
    }

    /** Writes a content's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * The content the request's path names.
     *
     * @param pathInfo the path after the servlet's, such as {@code /css/portico.HbpQaHWSlgQc.css}; null for none
     * @return empty for a name that serves nothing (404)
     */
    protected abstract Optional<Content> find(String pathInfo);

    /** Sets headers of a found content's answer (200 and 304) beyond the ones every answer has; none by default. */
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
        Optional<Content> found = find(request.getPathInfo());
        if (found.isEmpty()) {
            response.setHeader("Cache-Control", CacheControl.noStore().toHeaderValue());
            plain(response, HttpServletResponse.SC_NOT_FOUND, "Not found");
            return;
        }
        Content content = found.get();
        response.setHeader("ETag", content.etag().toHeaderValue());
        response.setHeader("Cache-Control", CacheControl.fingerprinted().toHeaderValue());
        response.setHeader("X-Content-Type-Options", "nosniff");
        addHeaders(response);
        boolean clientHasIt = IfNoneMatch.parse(Collections.list(request.getHeaders("If-None-Match")))
                .filter(condition -> condition.matches(content.etag()))
                .isPresent();
        if (clientHasIt) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(content.contentType());
        response.setContentLength(content.length());
        if (method.equals("GET")) {
            content.body().writeTo(response.getOutputStream());
        }
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(message);
    }
}
