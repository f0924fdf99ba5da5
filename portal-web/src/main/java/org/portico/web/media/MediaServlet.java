package org.portico.web.media;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.cdn.http.EntityTag;
import org.portico.web.asset.ImmutableContentServlet;

/**
 * Serves the media store's images: {@code GET /media/<sha256>.<ext>}, to everyone (images show on guests' pages too;
 * the name is the hash of public content, no secret). The name is the content's hash, so the answer is cacheable for a
 * year by browsers and CDNs ({@code immutable}); its {@code ETag} is the hash.
 * <p>
 * The answers are {@link ImmutableContentServlet}'s: 405 for methods other than GET and HEAD; 404 for a name that is
 * not 64 lowercase hex digits and the extension of the image's format, or that names no stored image; 304 when
 * {@code If-None-Match} matches; else 200 with the bytes, served with the type that was decided from them,
 * {@code nosniff}, and a policy that lets an image opened on its own run and load nothing.
 */
@WebServlet(name = "portico-media", urlPatterns = MediaServlet.PATH + "/*")
public class MediaServlet extends ImmutableContentServlet {

    /** Where images are served, relative to the context path. */
    public static final String PATH = "/media";

    /** An image opened on its own is a document of Portico's origin: it may run, load and be framed by nothing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline';"
            + " frame-ancestors 'self'; sandbox";

    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("/([0-9a-f]{64})\\.([a-z]{3,4})");

    @Inject
    transient MediaCache media;

    /** The image a path names, {@code /<sha256>.<ext>} with its format's extension; empty for any other path. */
    @Override
    protected Optional<Content> find(String pathInfo) {
        Matcher name = pathInfo == null ? null : NAME.matcher(pathInfo);
        if (name == null || !name.matches()) {
            return Optional.empty();
        }
        Optional<ImageFormat> format = ImageFormat.ofExtension(name.group(2));
        if (format.isEmpty()) {
            return Optional.empty();
        }
        EntityTag etag = EntityTag.strong(name.group(1));
        return media.content(name.group(1)).filter(image -> image.format() == format.get())
                .map(image -> Content.identity(etag, image.format().mediaType(), image.bytes()));
    }

    @Override
    protected void addHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
}
