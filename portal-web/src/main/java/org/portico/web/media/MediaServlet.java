package org.portico.web.media;

import java.io.IOException;
import java.util.Collections;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.cdn.http.CacheControl;
import org.portico.cdn.http.EntityTag;
import org.portico.cdn.http.IfNoneMatch;

/**
 * Serves the media store's images: {@code GET /media/<sha256>.<ext>}, to everyone (images show on guests' pages too;
 * the name is the hash of public content, no secret). The name is the content's hash, so the answer is cacheable for a
 * year by browsers and CDNs ({@code immutable}); its {@code ETag} is the hash.
 * <p>
 * A ladder of guard clauses: 405 for methods other than GET and HEAD; 404 for a name that is not 64 lowercase hex
 * digits and the extension of the image's format, or that names no stored image; 304 when {@code If-None-Match}
 * matches; else 200 with the bytes, served with the type that was decided from them, {@code nosniff}, and a policy
 * that lets an image opened on its own run and load nothing.
 */
@WebServlet(name = "portico-media", urlPatterns = MediaServlet.PATH + "/*")
public class MediaServlet extends HttpServlet {

    /** Where images are served, relative to the context path. */
    public static final String PATH = "/media";

    /** An image opened on its own is a document of Portico's origin: it may run, load and be framed by nothing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline';"
            + " frame-ancestors 'self'; sandbox";

    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("/([0-9a-f]{64})\\.([a-z]{3,4})");

    @Inject
    transient MediaCache media;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            plain(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method not allowed");
            return;
        }
        Optional<MediaContent> found = find(request.getPathInfo());
        if (found.isEmpty()) {
            // no-store: the image may be uploaded on another node a moment later; a CDN must not pin the 404.
            response.setHeader("Cache-Control", CacheControl.noStore().toHeaderValue());
            plain(response, HttpServletResponse.SC_NOT_FOUND, "Not found");
            return;
        }
        MediaContent image = found.get();
        EntityTag etag = EntityTag.strong(request.getPathInfo().substring(1, 65));
        response.setHeader("ETag", etag.toHeaderValue());
        response.setHeader("Cache-Control", CacheControl.fingerprinted().toHeaderValue());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        boolean clientHasIt = IfNoneMatch.parse(Collections.list(request.getHeaders("If-None-Match")))
                .filter(condition -> condition.matches(etag))
                .isPresent();
        if (clientHasIt) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(image.format().mediaType());
        response.setContentLength(image.bytes().length);
        if (method.equals("GET")) {
            response.getOutputStream().write(image.bytes());
        }
    }

    /** The image a path names, {@code /<sha256>.<ext>} with its format's extension; empty for any other path. */
    private Optional<MediaContent> find(String path) {
        Matcher name = path == null ? null : NAME.matcher(path);
        if (name == null || !name.matches()) {
            return Optional.empty();
        }
        Optional<ImageFormat> format = ImageFormat.ofExtension(name.group(2));
        if (format.isEmpty()) {
            return Optional.empty();
        }
        return media.content(name.group(1)).filter(image -> image.format() == format.get());
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(message);
    }
}
