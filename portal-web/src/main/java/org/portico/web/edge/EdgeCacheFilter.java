package org.portico.web.edge;

import java.io.IOException;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.cdn.tag.CacheTags;

/**
 * Decides the cache headers of Faces pages (see {@link EdgePolicy}) once they are rendered: the page is held in memory
 * (at most {@value #MAX_BUFFER} bytes, so that a session that rendering created, a cookie or an error found late
 * still count), then the headers are set and the page is sent with its {@code Content-Length}. A page larger than that
 * is sent as it is rendered and never shared.
 *
 * <p>Requests of a logged-in user, with credentials or of methods other than GET and HEAD are not held:
 * {@code SecurityHeadersFilter} has made a logged-in user's pages {@code no-store}, and nothing else here would
 * share them. Shared pages vary by {@code Accept-Language} and {@code Cookie} (the language cookie): a CDN that cannot
 * key on them must not keep pages at all; the shipped Varnish VCL reduces both to the language.
 */
@WebFilter(filterName = "EdgeCacheFilter", servletNames = "FacesServlet", asyncSupported = true)
public class EdgeCacheFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EdgeCacheFilter.class.getName());

    /** The largest page held before its headers are decided: Portico's guest pages are tens of KiB. */
    static final int MAX_BUFFER = 1024 * 1024;

    @Inject
    transient ResponseTags tags;

    @Inject
    transient EdgeCacheSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean readOnly = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!readOnly || request.getUserPrincipal() != null || request.getHeader("Authorization") != null) {
            chain.doFilter(request, response);
            return;
        }
        HeldResponse held = new HeldResponse(response, MAX_BUFFER,
                (status, complete, setsCookie) -> apply(request, response, status, complete, setsCookie));
        chain.doFilter(request, held);
        if (request.isAsyncStarted()) {
            held.release(false); // not a Faces page's way, but an asynchronous answer must not wait for this filter
        } else {
            held.finish();
        }
    }

    private void apply(HttpServletRequest request, HttpServletResponse response, int status, boolean complete,
            boolean setsCookie) {
        CacheTags collected = tags.tags();
        EdgePolicy.Facts facts = new EdgePolicy.Facts(true, status, request.getUserPrincipal() != null,
                request.getHeader("Authorization") != null, request.getSession(false) != null, setsCookie,
                tags.isShareable(), complete, collected);
        EdgePolicy.Verdict verdict = EdgePolicy.decide(facts, settings.shared());
        switch (verdict) {
            case SHARED -> {
                response.setHeader("Cache-Control", settings.shared().orElseThrow().toHeaderValue());
                response.setHeader("Surrogate-Key", collected.surrogateKey());
                response.setHeader("Cache-Tag", collected.cacheTag());
                response.addHeader("Vary", "Accept-Language, Cookie");
            }
            case PERSONAL -> response.setHeader("Cache-Control", EdgePolicy.PERSONAL);
            case NOT_SHARED -> {
                response.setHeader("Cache-Control", EdgePolicy.NOT_SHARED);
                if (tags.isShareable() && !collected.fits(EdgePolicy.MAX_TAG_BYTES)) {
                    LOG.warning(() -> request.getRequestURI() + " is not shared: its " + collected.tags().size()
                            + " cache tags do not fit in " + EdgePolicy.MAX_TAG_BYTES + " bytes");
                }
            }
            case UNCHANGED -> {
                // as the servlet made it
            }
        }
    }
}
