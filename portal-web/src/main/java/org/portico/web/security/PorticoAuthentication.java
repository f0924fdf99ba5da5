package org.portico.web.security;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.web.apitoken.ApiTokens;
import org.portico.web.problem.Problems;
import org.portico.web.user.Role;

/**
 * How callers prove who they are: Portico's own Faces login form, and API tokens for the CMS API.
 *
 * <p><b>Form login.</b> {@code LoginToContinue} remembers the request that needed a login and continues to it
 * afterwards, so a deep link survives the login. The login page is reached by a redirect (not a forward) so that its
 * URL, and the form's action, are the login page's own. The login page (and the OpenID Connect callback, with an
 * {@code OidcCredential} that {@code OidcIdentityStore} validates) hands its credential to
 * {@code SecurityContext#authenticate}; this is then what Jakarta Security's custom form mechanism is (with
 * {@link AppliesSession} for its {@code @AutoApplySession}), so {@code LoginToContinue} serves both kinds of login.
 *
 * <p><b>API tokens.</b> A request to the CMS API ({@code /api/cms/…}, not its webhooks) with
 * {@code Authorization: Bearer pt_…} is its owner's, with the role {@code content-editor} only, for this request
 * alone (no session): {@link ApiTokens} decides. A bad, expired or revoked token is a 401 problem+json at once, never
 * a fall back to the cookie. Such a request carries no ambient credential, so the cross-site check of cookie requests
 * ({@code rest.SameOriginFilter}) does not apply to it ({@link #BEARER}).
 *
 * <p>Jakarta Security 3.0 allows one mechanism per application: this is it.
 */
@AppliesSession
@LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false)
@ApplicationScoped
public class PorticoAuthentication implements HttpAuthenticationMechanism {

    /** The request attribute set on a request its API token authenticated. */
    public static final String BEARER = PorticoAuthentication.class.getName() + ".bearer";

    private static final String CMS_API = "/api/cms/";
    private static final String WEBHOOKS = "/api/cms/webhooks/";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    ApiTokens apiTokens;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return context.notifyContainerAboutLogin(identityStores.validate(credential));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) && cmsApi(request)) {
            return apiTokens.authenticate(authorization.substring(7).strip())
                    .map(caller -> {
                        request.setAttribute(BEARER, Boolean.TRUE);
                        return context.notifyContainerAboutLogin(caller.username(), Set.of(Role.Names.CONTENT_EDITOR));
                    })
                    .orElseGet(() -> refuse(response));
        }
        return context.doNothing();
    }

    private static boolean cmsApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(CMS_API) && !path.startsWith(WEBHOOKS);
    }

    /** 401 problem+json: the token is not (or no longer) one that lets anyone in. */
    private static AuthenticationStatus refuse(HttpServletResponse response) {
        try {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            response.setHeader("Cache-Control", "no-store");
            response.setContentType(Problems.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Problems.body(401, null, "Unauthorized", "The API token is unknown, expired or"
                    + " revoked, or its owner is no longer a content editor.", Map.of()).toString());
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away: nothing to tell it
        }
        // SEND_CONTINUE: the answer is written; SEND_FAILURE would have the container replace it with its error page.
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
