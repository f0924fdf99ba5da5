package org.portico.web.view.login;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.web.security.oidc.OidcFailure;
import org.portico.web.security.oidc.OidcLoginServlet;
import org.portico.web.security.oidc.OidcSettings;

/** The login page's "Sign in with …" button and the message after a failed provider login: {@code #{oidcLogin}}. */
@Named("oidcLogin")
@RequestScoped
public class OidcLoginOptions {

    private static final RedirectGuard LOCAL_ONLY = RedirectGuard.localOnly();

    @Inject
    OidcSettings settings;

    @Inject
    FacesContext faces;

    /** Whether OIDC login is configured; without it the page shows the form only. */
    public boolean isEnabled() {
        return settings.enabled();
    }

    public String getProviderName() {
        return settings.displayName();
    }

    /** The button's address, carrying the login page's {@code ?continue=} along when it is a safe local path. */
    public String getStartUrl() {
        String continueTo = faces.getExternalContext().getRequestParameterMap().get("continue");
        return faces.getExternalContext().getRequestContextPath() + OidcLoginServlet.START_PATH
                + LOCAL_ONLY.findLocalTarget(continueTo)
                        .map(path -> "?continue=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                        .orElse("");
    }

    /** What went wrong with the last provider login ({@code ?oidc=…}), or {@code null}. */
    public String getFailure() {
        String code = faces.getExternalContext().getRequestParameterMap().get("oidc");
        return settings.enabled() && code != null
                ? OidcFailure.findByCode(code).map(failure -> failure.message(faces.getViewRoot().getLocale(), settings.displayName())).orElse(null)
                : null;
    }
}
