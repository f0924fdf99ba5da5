package org.portico.web.asset;

import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.cdn.fingerprint.FingerprintedAsset;
import org.portico.cdn.fingerprint.FingerprintedAssets;
import org.portico.cdn.http.CacheControl;
import org.portico.cdn.http.EntityTag;
import org.portico.cdn.http.IfNoneMatch;

/**
 * Serves Portico's own static files (webapp folder {@code /resources/portico/}) under fingerprinted names:
 * {@code GET /assets/css/portico.<fingerprint>.css}. Fingerprinted responses are cacheable for a year by browsers and
 * CDNs, because a changed file gets a new name; build the names with the EL function {@code portico:asset}.
 *
 * <p>A ladder of guard clauses: 405 for methods other than GET and HEAD, 404 for names that are not fingerprinted,
 * unknown or stale, 304 when the client's {@code If-None-Match} matches, else 200 with the content.
 */
@WebServlet(name = "portico-assets", urlPatterns = AssetServlet.PATH + "/*")
public class AssetServlet extends HttpServlet {

    /** Where fingerprinted assets are served, relative to the context path. */
    public static final String PATH = "/assets";

    private static final long serialVersionUID = 1L;

    @Inject
    transient FingerprintedAssets assets;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            plain(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method not allowed");
            return;
        }
        String name = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        Optional<FingerprintedAsset> found = assets.findByFingerprintedName(name);
        if (found.isEmpty()) {
            // no-store: during a rolling deployment another node may already have this name; a CDN must not pin the 404.
            response.setHeader("Cache-Control", CacheControl.noStore().toHeaderValue());
            plain(response, HttpServletResponse.SC_NOT_FOUND, "Not found");
            return;
        }
        FingerprintedAsset asset = found.get();
        EntityTag etag = EntityTag.of(asset.hash());
        response.setHeader("ETag", etag.toHeaderValue());
        response.setHeader("Cache-Control", CacheControl.fingerprinted().toHeaderValue());
        response.setHeader("X-Content-Type-Options", "nosniff");
        boolean clientHasIt = IfNoneMatch.parse(Collections.list(request.getHeaders("If-None-Match")))
                .filter(condition -> condition.matches(etag))
                .isPresent();
        if (clientHasIt) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType(asset.logicalPath()));
        response.setContentLength(asset.length());
        if (method.equals("GET")) {
            asset.writeTo(response.getOutputStream());
        }
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

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(message);
    }
}
