package org.portico.web.filter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.web.asset.AssetUrls;
import org.portico.web.security.oidc.OidcSettings;

/**
 * The security headers every response carries. Scripts are governed by PrimeFaces' own nonce-based CSP
 * ({@code primefaces.CSP} in web.xml): browsers enforce every policy a response carries, so this one allows
 * inline scripts and PrimeFaces' {@code script-src 'self' 'nonce-…'} narrows that to scripts with the nonce.
 * <ul>
 * <li>CSP: resources from our own origin only, no plugins, no {@code <base>} hijack, forms post only to us, and
 * only our own pages may frame Portico (clickjacking). With OpenID Connect login on, forms may also lead to the
 * provider's origin: browsers apply {@code form-action} to the redirects after a post, and the logout post
 * redirects to the provider's end-session endpoint (without it, Chromium 156 silently stays on the page).</li>
 * <li>Referrer-Policy {@code same-origin}: other sites never see Portico URLs, which may carry link tokens.</li>
 * <li>HSTS only when the request came over TLS, so plain-HTTP development keeps working.</li>
 * <li>Pages of a logged-in user are {@code private, no-store}: after logout, Back does not show them from the cache,
 * and no shared cache (a CDN) keeps them, not even one that ignores {@code no-store} (see {@code edge/} for guests).</li>
 * </ul>
 */
@WebFilter(filterName = "SecurityHeadersFilter", urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'");

    @Inject
    OidcSettings oidc;

    @Inject
    AssetUrls assetUrls;

    private String contentSecurityPolicy = CONTENT_SECURITY_POLICY;

    @Override
    public void init() {
        contentSecurityPolicy = policy(oidc.issuerOrigin(), assetUrls.cdnOrigin());
    }

    /**
     * The policy: with OpenID Connect login, forms may also lead to the provider; with a CDN, scripts, styles, fonts
     * and images may also come from it.
     */
    static String policy(Optional<String> issuerOrigin, Optional<String> cdnOrigin) {
        String policy = CONTENT_SECURITY_POLICY;
        if (issuerOrigin.isPresent()) {
            policy = policy.replace("form-action 'self'", "form-action 'self' " + issuerOrigin.get());
        }
        if (cdnOrigin.isPresent()) {
            for (String directive : List.of("script-src 'self'", "img-src 'self'", "style-src 'self'", "font-src 'self'")) {
                policy = policy.replace(directive, directive + " " + cdnOrigin.get());
            }
        }
        return policy;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (request.getUserPrincipal() != null && !isStaticResource(request)) {
            response.setHeader("Cache-Control", "private, no-store");
        }
        chain.doFilter(request, response);
    }

    private static boolean isStaticResource(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/assets/") || path.startsWith("/jakarta.faces.resource/");
    }
}
