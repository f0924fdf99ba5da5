package org.portico.web.oauth;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.oauth.ClientAuthenticator;
import org.portico.deeplink.oauth.FormParameters;
import org.portico.deeplink.oauth.Introspection;

/**
 * {@code POST /oauth2/introspect}: RFC 7662 for apps that prefer asking over verifying. Active only for a valid,
 * unrevoked token meant for the calling app; everything else is {@code {"active": false}}.
 */
@WebServlet(urlPatterns = "/oauth2/introspect")
public class IntrospectionServlet extends OAuthEndpoint {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ClientAuthenticator clients;

    @Inject
    transient Introspection introspection;

    @Override
    String handle(HttpServletRequest request, FormParameters form) {
        AppRegistration caller = clients.authenticate(request.getHeader("Authorization"), form, request.getRemoteAddr());
        return introspection.introspect(form.get("token"), caller).toJson();
    }
}
