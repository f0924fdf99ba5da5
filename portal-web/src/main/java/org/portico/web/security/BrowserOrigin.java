package org.portico.web.security;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a browser's POST to a plain servlet comes from a page of Portico (the cross-site request forgery guard of
 * small form endpoints such as {@code /language}): {@code Origin}, which browsers send with every POST, is Portico's
 * public origin or this request's own; an opaque {@code Origin: null} needs {@code Sec-Fetch-Site: same-origin};
 * without {@code Origin}, {@code Sec-Fetch-Site} must not say another site. A request with neither header comes from
 * a program, not from a page a stranger controls, and passes. LinkServlet's sign-on choice and the language switch use it.
 * Stateless, thread-safe.
 */
public final class BrowserOrigin {

    private BrowserOrigin() {
    }

    /**
     * @param request   the POST
     * @param publicUrl Portico's configured public URL ({@code portico.issuer})
     */
    public static boolean isOwn(HttpServletRequest request, String publicUrl) {
        String origin = request.getHeader("Origin");
        String site = request.getHeader("Sec-Fetch-Site");
        if ("null".equals(origin)) {
            // An opaque origin: a page with no-referrer, a sandbox, a data: URL. Only the browser's own word helps.
            return "same-origin".equals(site);
        }
        if (origin != null) {
            return origin.equals(originOf(publicUrl)) || origin.equals(ownOrigin(request));
        }
        return site == null || site.equals("same-origin") || site.equals("none");
    }

    private static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String ownOrigin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = port == 80 && "http".equals(request.getScheme())
                || port == 443 && "https".equals(request.getScheme());
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
