package org.portico.web.oauth;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.oauth.ClientAuthenticator;
import org.portico.deeplink.oauth.FormParameters;
import org.portico.deeplink.oauth.TokenExchange;
import org.portico.deeplink.oauth.TokenExchangeRequest;
import org.portico.deeplink.oauth.TokenExchangeResponse;

/**
 * {@code POST /oauth2/token}: RFC 8693 token exchange for registered apps. The client authenticates (secret or
 * private_key_jwt), presents a Portico token meant for it, and gets one for another app it is allowed to call —
 * with an {@code act} claim when it acts on the user's behalf with an actor token.
 */
@WebServlet(urlPatterns = "/oauth2/token")
public class TokenEndpointServlet extends OAuthEndpoint {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ClientAuthenticator clients;

    @Inject
    transient TokenExchange exchange;

    @Override
    String handle(HttpServletRequest request, FormParameters form) {
        AppRegistration client = clients.authenticate(request.getHeader("Authorization"), form);
        TokenExchangeResponse issued = exchange.exchange(TokenExchangeRequest.from(form), client);
        return issued.toJson();
    }
}
