package org.portico.web.oauth;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.oauth.ClientAuthenticator;
import org.portico.deeplink.oauth.OAuthException;
import org.portico.deeplink.oauth.TokenExchange;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.metrics.PorticoMetrics;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;

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

    @Inject
    transient AuditLog audit;

    @Inject
    transient PorticoMetrics metrics;

    /**
     * Every exchange, granted or refused, is in the audit log before the answer leaves: which client asked for which
     * target. A group commit ({@link AuditLog#recordBeforeResponse}): apps call this once per downstream request, and
     * an insert of its own per request was a sixth of its cost. No entry, no token: 503 (see {@link OAuthEndpoint}).
     */
    @Override
    HTTPResponse handle(HttpServletRequest request, Map<String, List<String>> form) {
        String target = "audience:" + String.join(" ", form.getOrDefault("audience", List.of()))
                + String.join(" ", form.getOrDefault("resource", List.of()));
        AppRegistration client = null;
        try {
            client = clients.authenticate(request.getHeader("Authorization"), form, request.getRemoteAddr());
            AccessTokenResponse issued = exchange.exchange(TokenExchange.request(form), client);
            audit.recordBeforeResponse("app:" + client.id(), AuditAction.TOKEN_EXCHANGED, target,
                    AuditOutcome.SUCCESS, null);
            metrics.tokenExchange("granted");
            return issued.toHTTPResponse();
        } catch (OAuthException e) {
            audit.recordBeforeResponse(client == null ? null : "app:" + client.id(), AuditAction.TOKEN_EXCHANGED, target,
                    AuditOutcome.REFUSED, e.error().getCode());
            metrics.tokenExchange(e.error().getCode());
            throw e;
        }
    }
}
