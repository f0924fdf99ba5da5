package org.portico.web.rest;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.portico.web.security.PorticoAuthentication;
import org.portico.web.settings.PorticoIssuer;

/**
 * Cross-site request forgery guard of the API: a POST, PUT, PATCH or DELETE that a logged-in session's cookie
 * authenticates must come from Portico's own pages. The browser says where a request comes from in {@code Origin}
 * (every browser sends it on a cross-origin unsafe request), else in {@code Sec-Fetch-Site}; anything but Portico's
 * own origin, {@code same-origin} or {@code none} (typed by the user) is refused with 403 before authorization and
 * before the body is read.
 * <p>
 * Decisions (see the Threat model in architecture.md):
 * <ul>
 * <li>Portico's origin is the one of {@code portico.issuer}, its configured public URL; the {@code Host} header is
 * never trusted for it (a proxy may rewrite it, a client may send any).</li>
 * <li>A request with neither header is no forgery: browsers send one of them on every cross-site unsafe request, so
 * it comes from a program such as curl, whose holder has the cookie anyway.</li>
 * <li>Requests without a logged-in session (guests, apps with client credentials or a bearer token, editors' tools
 * with an API token) carry no ambient credential a stranger's page could borrow, and pass unchecked.</li>
 * </ul>
 */
@Provider
@Priority(Priorities.AUTHENTICATION) // before @RolesAllowed (AUTHORIZATION) and before any body is read
@ApplicationScoped
public class SameOriginFilter implements ContainerRequestFilter {

    static final String CROSS_ORIGIN = "Requests with Portico's login cookie are accepted only from Portico's own"
            + " pages; this one came from another site.";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");

    @Inject
    PorticoIssuer issuer;

    private String origin;

    @PostConstruct
    void start() {
        origin = origin(issuer.url()).orElseThrow(); // the issuer is an absolute http(s) URL, checked at start-up
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())
                || request.getSecurityContext().getUserPrincipal() == null
                || request.getProperty(PorticoAuthentication.BEARER) != null) {
            return;
        }
        String from = request.getHeaderString("Origin");
        boolean own = from != null
                ? origin(from).map(origin::equals).orElse(false)
                : Optional.ofNullable(request.getHeaderString("Sec-Fetch-Site"))
                        .map(site -> OWN_FETCH_SITES.contains(site.strip().toLowerCase(Locale.ROOT)))
                        .orElse(true);
        if (!own) {
            throw new ApiProblemException(403, CROSS_ORIGIN);
        }
    }

    /**
     * The RFC 6454 origin of a URL, {@code scheme://host[:port]} in lower case without the scheme's default port;
     * empty for anything else, such as the {@code null} origin of sandboxed frames.
     */
    static Optional<String> origin(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                    || (scheme.equals("http") && port == 80);
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
