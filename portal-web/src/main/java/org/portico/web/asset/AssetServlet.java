package org.portico.web.asset;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves every static file the pages load under fingerprinted names: Portico's own (webapp folder
 * {@code /resources/portico/}) as {@code GET /assets/css/portico.<fingerprint>.css}, and the Faces resources
 * (PrimeFaces, its theme and fonts, Faces, OmniFaces; {@link FacesResourceAssets}) as
 * {@code GET /assets/faces/<library>/<name with fingerprint>}, from the {@link AssetCatalogue}. Fingerprinted
 * responses are cacheable for a year by browsers and CDNs, because a changed file gets a new name; build the names
 * with {@link AssetUrls}.
 *
 * <p>Once the application has started, {@link AssetHandler} answers these requests ahead of the servlet chain with
 * the same answers; this servlet answers those that come before (and any that a change of the handler lets through).
 * The answers are {@link ImmutableAnswer}'s (precompressed brotli and gzip, ranges, 304), plus
 * {@code Access-Control-Allow-Origin: *}: from a CDN's host, fonts and the scripts and style sheets loaded with
 * Subresource Integrity are cross-origin requests, and nothing here is personal.
 */
@WebServlet(name = "portico-assets", urlPatterns = AssetServlet.PATH + "/*")
public class AssetServlet extends ImmutableContentServlet {

    /** Where fingerprinted assets are served, relative to the context path. */
    public static final String PATH = "/assets";

    private static final long serialVersionUID = 1L;

    @Inject
    transient AssetCatalogue catalogue;

    @Override
    protected Optional<Content> find(String pathInfo) {
        return catalogue.find(pathInfo == null ? "" : pathInfo.substring(1));
    }

    @Override
    protected void addHeaders(HttpServletResponse response) {
        response.setHeader("Access-Control-Allow-Origin", "*");
    }
}
