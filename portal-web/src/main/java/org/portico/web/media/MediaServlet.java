package org.portico.web.media;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.cdn.http.CacheControl;
import org.portico.cdn.http.EntityTag;
import org.portico.cdn.signing.SignedUrlCheck;
import org.portico.cdn.signing.SignedUrlCheck.Refusal;
import org.portico.cdn.tag.CacheTags;
import org.portico.web.asset.ImmutableContentServlet;
import org.portico.web.edge.PorticoTags;
import org.portico.web.signedurl.SignedUrls;

/**
 * Serves the media store's images: {@code GET /media/<sha256>.<ext>}, public images to everyone (images show on
 * guests' pages too; the name is the hash of public content, no secret). The name is the content's hash, so the answer
 * is cacheable for a year by browsers and CDNs ({@code immutable}); its {@code ETag} is the hash.
 * <p>
 * A private image is not served there (404, as an unknown name): only through a signed URL of that path
 * ({@code ?Expires=…&Signature=…&Key-Pair-Id=…}, CloudFront's format, {@link SignedUrls}), which this servlet checks
 * before it looks anything up: accepted, it serves the image (private or public) cached for no longer than the URL
 * lives ({@code private, max-age=<seconds left>}, never {@code immutable}); expired, altered, signed by an unknown key
 * or malformed, it answers 403 ({@code no-store}).
 * <p>
 * The answers are {@link ImmutableContentServlet}'s: 405 for methods other than GET and HEAD; 403 for a refused
 * signed URL; 404 for a name that is not 64 lowercase hex digits and the extension of the image's format, or that
 * names no stored image, or a private image at its public URL; 304 when {@code If-None-Match} matches; else 200 with
 * the bytes, served with the type that was decided from them, {@code nosniff}, and a policy that lets an image opened
 * on its own run and load nothing.
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

    private static final Logger LOG = Logger.getLogger(MediaServlet.class.getName());

    @Inject
    transient MediaCache media;

    @Inject
    transient MediaPrivacy privacy;

    @Inject
    transient SignedUrls signedUrls;

    /**
     * A signed URL is checked first (403 when refused) and serves any image for as long as it lives; a plain URL
     * serves public images only.
     */
    @Override
    protected Optional<Content> find(HttpServletRequest request) {
        if (!SignedUrls.looksSigned(request)) {
            return find(request.getPathInfo());
        }
        SignedUrlCheck check = signedUrls.check(request);
        if (!(check instanceof SignedUrlCheck.Accepted accepted)) {
            Refusal reason = ((SignedUrlCheck.Refused) check).reason();
            LOG.fine(() -> "Signed media URL refused (" + reason + "): " + request.getRequestURI());
            throw new Forbidden(reason.name());
        }
        CacheControl cacheControl = signedUrls.cacheControl(accepted);
        return image(request.getPathInfo()).map(image -> image.content().cachedAs(cacheControl));
    }

    /** The public image a path names; empty for a private one, as for an unknown one. */
    @Override
    protected Optional<Content> find(String pathInfo) {
        return image(pathInfo).filter(image -> !image.privateFile()).map(Image::content);
    }

    /** An image found, private or not. */
    private record Image(Content content, boolean privateFile) {
    }

    /** The image a path names, {@code /<sha256>.<ext>} with its format's extension; empty for any other path. */
    private Optional<Image> image(String pathInfo) {
        Matcher name = pathInfo == null ? null : NAME.matcher(pathInfo);
        if (name == null || !name.matches()) {
            return Optional.empty();
        }
        Optional<ImageFormat> format = ImageFormat.ofExtension(name.group(2));
        if (format.isEmpty()) {
            return Optional.empty();
        }
        String sha256 = name.group(1);
        EntityTag etag = EntityTag.strong(sha256);
        return media.content(sha256).filter(image -> image.format() == format.get())
                .map(image -> new Image(Content.identity(etag, image.format().mediaType(), image.bytes()),
                        image.privateFile() || privacy.isPrivate(sha256)));
    }

    /**
     * Tags a public image's answer for CDNs ({@code media:<sha256>}): its URL never changes content, but a deleted
     * image must leave the CDN too. A signed URL's answer is {@code private} and untagged.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher name = request.getPathInfo() == null ? null : NAME.matcher(request.getPathInfo());
        if (name != null && name.matches() && !SignedUrls.looksSigned(request)) {
            CacheTags tags = CacheTags.of(List.of(PorticoTags.ALL, PorticoTags.media(name.group(1))));
            response.setHeader("Surrogate-Key", tags.surrogateKey());
            response.setHeader("Cache-Tag", tags.cacheTag());
        }
        super.service(request, response);
    }

    @Override
    protected void addHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
}
