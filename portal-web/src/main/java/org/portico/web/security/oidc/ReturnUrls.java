package org.portico.web.security.oidc;

import java.net.URI;

import org.portico.web.settings.PorticoIssuer;

/**
 * Portico's own absolute addresses that the provider sends the browser back to ({@code redirect_uri},
 * {@code post_logout_redirect_uri}), built from Portico's configured public URL ({@code portico.issuer}), never from
 * the request: the Host header is the client's to choose, and a provider that accepts an unregistered
 * {@code redirect_uri} (a prefix or wildcard match, a misconfiguration) would send the authorization code to
 * whatever host it names. Behind a reverse proxy nothing needs to be forwarded for these.
 */
final class ReturnUrls {

    static final String CALLBACK_PATH = "/login/oidc/callback";
    static final String LOGGED_OUT_PATH = "/login.xhtml?loggedOut=true";

    private ReturnUrls() {
    }

    /** The {@code redirect_uri} of the login: {@code <portico.issuer>/login/oidc/callback}. */
    static URI callback(PorticoIssuer portico) {
        return URI.create(portico.resolve(CALLBACK_PATH));
    }

    /** The {@code post_logout_redirect_uri}: Portico's login page with its "logged out" message. */
    static URI loggedOut(PorticoIssuer portico) {
        return URI.create(portico.resolve(LOGGED_OUT_PATH));
    }
}
