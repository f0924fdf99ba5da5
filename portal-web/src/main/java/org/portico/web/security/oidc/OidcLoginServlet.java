package org.portico.web.security.oidc;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.web.metrics.PorticoMetrics;
import org.portico.web.settings.PorticoIssuer;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

/**
 * The two legs of an OpenID Connect login (authorization code flow).
 * <ul>
 * <li>{@code GET /login/oidc[?continue=/local/path]} — the "Sign in with …" link: asks the provider for its
 * discovery document (a provider that is down gives a message on the login page instead of a dead end), remembers
 * state, nonce and PKCE verifier in the session and redirects to the provider's login page.</li>
 * <li>{@code GET /login/oidc/callback?code=…&state=…} — where the provider sends the browser back: finds the pending
 * login by its state, gives the session a new id, and hands the code to Jakarta Security as an
 * {@link OidcCredential}. As with the form, {@code LoginToContinue} then continues to the page that needed the
 * login (a deep link); otherwise the {@code continue} path, or home.</li>
 * </ul>
 * Both are top-level GET navigations, so the SameSite=Lax session cookie comes along even from another site. Every
 * failure ends on the login page with a message and is never retried automatically, so nothing can loop.
 * With OIDC off both answer 404.
 */
@WebServlet(name = "OidcLoginServlet", urlPatterns = {OidcLoginServlet.START_PATH, ReturnUrls.CALLBACK_PATH})
public class OidcLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OidcLoginServlet.class.getName());

    public static final String START_PATH = "/login/oidc";
    static final String HOME = "/home.xhtml";
    private static final RedirectGuard LOCAL_ONLY = RedirectGuard.localOnly();
    /** This login's tag in portico_logins_total. */
    private static final String METHOD = "oidc";

    @Inject
    transient OidcSettings settings;

    @Inject
    transient OidcClient client;

    @Inject
    transient OidcSession session;

    @Inject
    transient SecurityContext securityContext;

    @Inject
    transient Clock clock;

    @Inject
    transient PorticoIssuer portico;

    @Inject
    transient PorticoMetrics metrics;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!settings.enabled()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (START_PATH.equals(request.getServletPath())) {
            start(request, response);
        } else {
            callback(request, response);
        }
    }

    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> continueTo = LOCAL_ONLY.findLocalTarget(request.getParameter("continue"));
        if (request.getUserPrincipal() != null) {
            redirectLocal(request, response, continueTo.orElse(HOME));
            return;
        }
        OidcClient.Provider provider;
        try {
            provider = client.discover();
        } catch (OidcLoginException e) {
            LOG.warning(e.getMessage());
            toLoginPage(request, response, e.failure(), continueTo);
            return;
        }
        PendingLogin login = PendingLogin.start(continueTo.orElse(null), clock.instant());
        request.getSession(); // the pending login lives in the session; created here if the login page had none
        session.add(login);
        response.sendRedirect(client.authorizationUri(provider, login, ReturnUrls.callback(portico)).toString());
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<PendingLogin> pending = request.getSession(false) == null
                ? Optional.empty()
                : session.take(request.getParameter("state"), clock.instant());
        Optional<String> continueTo = pending.flatMap(PendingLogin::findContinueTo);
        String error = request.getParameter("error");
        if (error != null) {
            LOG.info(() -> "The OpenID provider answered error '" + error + "' to a login");
            toLoginPage(request, response, "access_denied".equals(error) ? OidcFailure.DENIED : OidcFailure.FAILED, continueTo);
            return;
        }
        if (pending.isEmpty()) {
            // Unknown, reused or expired state: a stale bookmark, a second tab, or a forged callback.
            if (request.getUserPrincipal() != null) {
                redirectLocal(request, response, HOME);
            } else {
                toLoginPage(request, response, OidcFailure.EXPIRED, Optional.empty());
            }
            return;
        }
        String issuer = request.getParameter("iss");
        String code = request.getParameter("code");
        if (code == null || code.isBlank() || issuer != null && !issuer.equals(settings.issuer().toString())) {
            // RFC 9207: an "iss" that is not our provider means the answer came from somewhere else (mix-up attack).
            LOG.warning(() -> "OpenID Connect callback without a code or from another issuer: iss=" + issuer);
            toLoginPage(request, response, OidcFailure.FAILED, continueTo);
            return;
        }

        // Session fixation: the logged-in session gets a new id; its content (the page to continue to) moves along.
        request.changeSessionId();
        OidcCredential credential = new OidcCredential(code, pending.get(), ReturnUrls.callback(portico));
        AuthenticationStatus status = securityContext.authenticate(request, response,
                withParams().newAuthentication(false).credential(credential));
        switch (status) {
            case SEND_CONTINUE -> {
                // LoginToContinue has redirected to the page that asked for the login.
                metrics.login(METHOD, "success");
            }
            case SUCCESS -> {
                metrics.login(METHOD, "success");
                redirectLocal(request, response, continueTo.orElse(HOME));
            }
            default -> toLoginPage(request, response, credential.failure(), continueTo);
        }
    }

    private static void redirectLocal(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        response.sendRedirect(request.getContextPath() + path);
    }

    /** Every failed OpenID Connect login ends here: counted, then back to the login page with its message. */
    private void toLoginPage(HttpServletRequest request, HttpServletResponse response, OidcFailure failure,
                             Optional<String> continueTo) throws IOException {
        metrics.login(METHOD, failure.code().replace('-', '_'));
        String query = "?oidc=" + failure.code() + continueTo
                .map(path -> "&continue=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                .orElse("");
        response.sendRedirect(request.getContextPath() + "/login.xhtml" + query);
    }
}
