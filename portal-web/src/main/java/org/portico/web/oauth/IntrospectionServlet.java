package org.portico.web.oauth;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.oauth.ClientAuthenticator;
import org.portico.deeplink.oauth.Introspection;
import org.portico.deeplink.oauth.OAuthException;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;

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

    /**
     * Not the SDK's {@code TokenIntrospectionRequest.parse}: it authenticates the client by its own rules, where
     * {@link ClientAuthenticator} applies Portico's (exactly one method, throttled failures).
     */
    @Override
    HTTPResponse handle(HttpServletRequest request, Map<String, List<String>> form) {
        AppRegistration caller = clients.authenticate(request.getHeader("Authorization"), form, request.getRemoteAddr());
        List<String> token = form.get("token");
        if (token == null) {
            throw new OAuthException(OAuth2Error.INVALID_REQUEST, "parameter token is required");
        }
        return introspection.introspect(token.get(0), caller).toHTTPResponse();
    }
}
