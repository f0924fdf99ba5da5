package org.portico.web.security.oidc;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Portico's own absolute addresses that the provider redirects to, derived from the request (scheme, host and port
 * as the browser used them; behind a reverse proxy WildFly's {@code proxy-address-forwarding} must be on). A forged
 * Host header gains nothing: the provider only redirects to addresses registered for the client.
 */
final class RequestUrls {

    static final String CALLBACK_PATH = "/login/oidc/callback";
    static final String LOGGED_OUT_PATH = "/login.xhtml?loggedOut=true";

    private RequestUrls() {
    }

    static String base(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        String host = request.getServerName().contains(":") ? "[" + request.getServerName() + "]" : request.getServerName();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }

    static URI callback(HttpServletRequest request) {
        return URI.create(base(request) + CALLBACK_PATH);
    }

    static URI loggedOut(HttpServletRequest request) {
        return URI.create(base(request) + LOGGED_OUT_PATH);
    }
}
