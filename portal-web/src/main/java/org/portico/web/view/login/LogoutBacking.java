package org.portico.web.view.login;

import java.io.IOException;

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
import org.portico.web.security.SessionIds;

import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;

/** Logout is a POST from the user menu (a GET could be forged by any page): ends the login and the session. */
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

    public void logout() throws ServletException, IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (request.getUserPrincipal() != null) {
            String username = request.getUserPrincipal().getName();
            audit.recordAs(username, AuditAction.LOGOUT, "user:" + username, AuditOutcome.SUCCESS, null);
        }
        // Tokens issued in this session stop being valid for introspection and Portico's verifier; apps that
        // verify offline see them expire within their (short) lifetime.
        SessionIds.find(request.getSession(false)).ifPresent(sid ->
                revocations.revokeSession(sid, clock.instant().plus(keys.config().retirementGrace())));
        request.logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml?loggedOut=true");
    }
}
