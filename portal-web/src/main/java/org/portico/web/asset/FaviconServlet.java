package org.portico.web.asset;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /favicon.ico}, which browsers and other clients ask for on their own: a redirect to Portico's fingerprinted
 * icon, cacheable for a day (the pages themselves name the icon with {@code <link rel="icon">}, so a browser showing
 * them never asks this).
 */
@WebServlet(name = "portico-favicon", urlPatterns = "/favicon.ico")
public class FaviconServlet extends HttpServlet {

    /** The icon, under {@code /resources/portico/}. */
    public static final String ICON = "img/favicon.svg";

    private static final long serialVersionUID = 1L;

    @Inject
    transient AssetUrls urls;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "public, max-age=86400");
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Location", urls.url(ICON));
    }
}
