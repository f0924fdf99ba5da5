package org.portico.web.view.login;

import java.io.IOException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

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

    public void logout() throws ServletException, IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (request.getUserPrincipal() != null) {
            String username = request.getUserPrincipal().getName();
            audit.recordAs(username, AuditAction.LOGOUT, "user:" + username, AuditOutcome.SUCCESS, null);
        }
        request.logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml?loggedOut=true");
    }
}
