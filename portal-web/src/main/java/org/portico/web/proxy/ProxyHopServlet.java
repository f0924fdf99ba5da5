package org.portico.web.proxy;

import java.io.IOException;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.deeplink.random.RandomIds;
import org.portico.web.proxy.ProxyGateway.ProxiedApp;
import org.portico.web.security.SessionIds;

/**
 * {@code GET /apps/{id}/{path}} on Portico's origin: the start of the hop to a proxied app's own origin. Protected in
 * web.xml like the home page, so a guest logs in first and lands back here (Jakarta Security's LoginToContinue). An
 * app that is unknown, disabled or not proxied, or a server without a proxy origin, is Portico's 404 page. Otherwise
 * it writes a one-time ticket (60 s, the database) and answers a page that posts it — in the body, never in a URL —
 * to {@code {proxy origin}/apps/{id}/_portico/hop} ({@link ProxyExtension}), at once by a script with this page's
 * nonce, or by its button without script. Every check comes before the ticket is written.
 */
@WebServlet(urlPatterns = "/apps/*")
public class ProxyHopServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    ProxyGateway gateway;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String rest = path.length() > "/apps/".length() ? path.substring("/apps/".length()) : "";
        int slash = rest.indexOf('/');
        String appId = slash < 0 ? rest : rest.substring(0, slash);
        String target = slash < 0 ? "" : rest.substring(slash + 1);
        if (request.getQueryString() != null) {
            target += "?" + request.getQueryString();
        }
        Optional<ProxyOrigins> origins = gateway.origins();
        Optional<ProxiedApp> app = gateway.app(appId);
        if (origins.isEmpty() || app.isEmpty() || target.length() > ProxySessions.MAX_TARGET
                || !ProxyHeaders.safePath("/" + target.replaceAll("\\?.*", ""))) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String ticket = gateway.sessions().issueTicket(request.getUserPrincipal().getName(),
                SessionIds.sid(request.getSession()), appId, target);
        String action = origins.get().url(appId, "_portico/hop");
        String nonce = RandomIds.id();
        // This page alone posts to another origin: its own policy replaces the one the security headers filter set.
        response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; "
                + "form-action " + origins.get().origin(appId) + "; base-uri 'none'; frame-ancestors 'self'");
        response.setHeader("Cache-Control", "no-store");
        // strict-origin, not no-referrer: with no-referrer (or same-origin) the browser sends "Origin: null" on the
        // cross-origin post, and the hop endpoint demands Portico's origin.
        response.setHeader("Referrer-Policy", "strict-origin");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(ProxyPages.hop(app.get().registration().name(), action, ticket, nonce));
    }
}
