package org.portico.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Form login through Portico's own Faces login page. {@code LoginToContinue} remembers the request that needed
 * a login and continues to it afterwards, so a deep link survives the login. The login page is reached by a
 * redirect (not a forward) so that its URL, and the form's action, are the login page's own.
 * <p>
 * OpenID Connect login uses this same mechanism: the callback hands the provider's authorization code to
 * {@code SecurityContext#authenticate} as an {@code OidcCredential}, which {@code OidcIdentityStore} validates, so
 * {@code LoginToContinue} serves both kinds of login (Jakarta Security 3.0 allows one mechanism per application).
 */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false))
@ApplicationScoped
public class PorticoAuthentication {
}
