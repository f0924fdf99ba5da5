package org.portico.web.asset;

import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;

import org.portico.cdn.fingerprint.FingerprintedAssets;
import org.portico.cdn.http.EntityTag;

/**
 * Serves Portico's own static files (webapp folder {@code /resources/portico/}) under fingerprinted names:
 * {@code GET /assets/css/portico.<fingerprint>.css}. Fingerprinted responses are cacheable for a year by browsers and
 * CDNs, because a changed file gets a new name; build the names with the EL function {@code portico:asset}.
 *
 * <p>The answers are {@link ImmutableContentServlet}'s: 405 for methods other than GET and HEAD, 404 for names that
 * are not fingerprinted, unknown or stale, 304 when the client's {@code If-None-Match} matches, else 200 with the
 * content.
 */
@WebServlet(name = "portico-assets", urlPatterns = AssetServlet.PATH + "/*")
public class AssetServlet extends ImmutableContentServlet {

    /** Where fingerprinted assets are served, relative to the context path. */
    public static final String PATH = "/assets";

    private static final long serialVersionUID = 1L;

    @Inject
    transient FingerprintedAssets assets;

    @Override
    protected Optional<Content> find(String pathInfo) {
        String name = pathInfo == null ? "" : pathInfo.substring(1);
        return assets.findByFingerprintedName(name).map(asset -> new Content(EntityTag.of(asset.hash()),
                contentType(asset.logicalPath()), asset.length(), asset::writeTo));
    }

    /** The media type for a file name; text types get {@code charset=UTF-8}, which is what Portico's files are in. */
    String contentType(String logicalPath) {
        String type = getServletContext().getMimeType(logicalPath);
        if (type == null) {
            return "application/octet-stream";
        }
        String lower = type.toLowerCase(Locale.ROOT);
        boolean text = lower.startsWith("text/") || lower.endsWith("javascript") || lower.endsWith("json")
                || lower.endsWith("+xml");
        return text && !lower.contains("charset") ? type + ";charset=UTF-8" : type;
    }
}
