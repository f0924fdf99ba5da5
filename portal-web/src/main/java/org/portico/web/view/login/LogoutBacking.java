package org.portico.web.view.login;

import java.io.IOException;
import java.net.URI;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.web.security.oidc.OidcLogout;

/**
 * Logout is a POST from the user menu (a GET could be forged by any page): ends the login and the session. After an
 * OpenID Connect login it continues to the provider's end-session endpoint (RP-initiated logout), which ends the
 * provider's session too and sends the browser back to the login page; otherwise straight to the login page.
 */
@Named
@RequestScoped
public class LogoutBacking {

    @Inject
    FacesContext faces;

    @Inject
    OidcLogout oidcLogout;

    public void logout() throws ServletException, IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        var providerLogout = oidcLogout.findEndSessionUri(request); // reads the session, so before it ends
        request.logout();
        external.invalidateSession();
        external.redirect(providerLogout.map(URI::toString)
                .orElse(external.getRequestContextPath() + "/login.xhtml?loggedOut=true"));
    }
}
