package org.portico.web.view.login;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.token.RevocationList;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.proxy.ProxySessions;
import org.portico.web.security.SessionIds;
import org.portico.web.security.oidc.OidcLogout;

/**
 * Logout is a POST from the user menu (a GET could be forged by any page): ends the login and the session, and
 * revokes the tokens issued in it. After an OpenID Connect login it continues to the provider's end-session endpoint
 * (RP-initiated logout), which ends the provider's session too and sends the browser back to the login page;
 * otherwise straight to the login page.
 */
@Named
@RequestScoped
public class LogoutBacking {

    @Inject
    FacesContext faces;

    @Inject
    AuditLog audit;

    @Inject
    RevocationList revocations;

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    @Inject
    OidcLogout oidcLogout;

    @Inject
    ProxySessions proxySessions;

    public void logout() throws ServletException, IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (request.getUserPrincipal() != null) {
            String username = request.getUserPrincipal().getName();
            audit.recordAs(username, AuditAction.LOGOUT, "user:" + username, AuditOutcome.SUCCESS, null);
            // The user's proxied apps stop answering on every node: their proxy sessions are in the database.
            proxySessions.revokeUser(username);
        }
        // Tokens issued in this session stop being valid for introspection and Portico's verifier; apps that
        // verify offline see them expire within their (short) lifetime.
        SessionIds.find(request.getSession(false)).ifPresent(sid ->
                revocations.revokeSession(sid, clock.instant().plus(keys.config().retirementGrace())));
        var providerLogout = oidcLogout.findEndSessionUri(request); // reads the session, so before it ends
        request.logout();
        external.invalidateSession();
        external.redirect(providerLogout.map(URI::toString)
                .orElse(external.getRequestContextPath() + "/login.xhtml?loggedOut=true"));
    }
}
