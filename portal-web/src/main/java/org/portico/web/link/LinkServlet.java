package org.portico.web.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.portico.deeplink.link.InboundLink;
import org.portico.deeplink.link.LinkOutcome;
import org.portico.deeplink.link.LinkPrefetchers;
import org.portico.deeplink.link.LinkRequest;
import org.portico.deeplink.link.LinkResolution;
import org.portico.deeplink.link.LinkResolution.NeedsLogin;
import org.portico.deeplink.link.LinkResolution.Preview;
import org.portico.deeplink.link.LinkResolution.Rejected;
import org.portico.deeplink.link.LinkResolution.ToApp;
import org.portico.deeplink.link.LinkResolution.ToPage;
import org.portico.deeplink.link.LinkResolver;
import org.portico.deeplink.token.UserIdentity;
import org.portico.web.asset.AssetUrls;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.rest.Problems;
import org.portico.web.security.SignedLinkCredential;
import org.portico.web.security.SignedLinkIdentityStore;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

/**
 * {@code GET /link/{route}/{param…}?…}: following a deep link. The decisions are {@link LinkResolver}'s; this servlet
 * only turns them into HTTP, on a lean path (routes, apps and profiles come from caches, so a repeat hop needs no
 * transaction and one signature):
 * <ul>
 * <li>into an app: {@code 303} to the checked target with the link token (fragment or query) — right after a form
 * login a small page that refreshes to it instead (see {@link #continueAfterLogin});</li>
 * <li>to a Portico page: {@code 303} to that local path;</li>
 * <li>a login is needed: Jakarta Security's {@code LoginToContinue} saves this very request and shows the login page
 * (form or OpenID Connect); after the login the browser comes back to the same link with all its parameters. An
 * inbound link signed by an app trusted for sign-on logs its user in instead;</li>
 * <li>a bad link: a friendly page in the site layout with the right status (400, 403, 404, 410), or RFC 9457
 * problem+json for clients that ask for JSON, with a stable {@code type} per outcome;</li>
 * <li>HEAD and link prefetchers (mail scanners, Office, chat previews): the same checks, nothing consumed, no token,
 * a harmless page that tells a person to open the link in their browser.</li>
 * </ul>
 * Every resolution (not the login detour, not a preview) fires exactly one {@link LinkResolved} event. Responses are
 * {@code no-store} and {@code Referrer-Policy: no-referrer}: they carry tokens and tickets.
 */
@WebServlet(name = "LinkServlet", urlPatterns = "/link/*")
public class LinkServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;


    /** Session attribute: the link (path and query) this session was sent to log in for. */
    static final String AFTER_LOGIN = LinkServlet.class.getName() + ".afterLogin";

    static final String PROBLEM_PAGE = "/WEB-INF/links/problem.xhtml";
    static final String PREVIEW_PAGE = "/WEB-INF/links/preview.xhtml";

    @Inject
    transient LinkResolver resolver;

    @Inject
    transient LinkUsers users;

    @Inject
    transient Event<LinkResolved> resolved;

    @Inject
    transient SecurityContext securityContext;

    @Inject
    transient AuditLog audit;

    @Inject
    transient SignedLinkIdentityStore signedLinkUsers;

    @Inject
    transient Clock clock;

    @Inject
    transient AssetUrls assets;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        follow(request, response, false);
    }

    /** HEAD never has side effects: checked like GET, answered like a preview, nothing consumed or recorded. */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        follow(request, response, true);
    }

    private void follow(HttpServletRequest request, HttpServletResponse response, boolean head)
            throws IOException, ServletException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
        LinkRequest link = LinkRequest.parse(request.getRequestURI().substring(request.getContextPath().length()),
                request.getQueryString());
        boolean preview = head || LinkPrefetchers.isPrefetch(request.getHeader("User-Agent"),
                firstOf(request.getHeader("Sec-Purpose"), request.getHeader("Purpose")),
                firstOf(request.getHeader("X-Purpose"), request.getHeader("X-Moz")));
        Optional<UserIdentity> user = users.find(request);
        LinkResolution resolution = preview ? resolver.preview(link, user.orElse(null))
                : resolver.follow(link, user.orElse(null));
        if (resolution instanceof NeedsLogin login && !preview) {
            if (login.signedBy() == null || !signOn(request, response, login.signedBy())) {
                if (!response.isCommitted()) {
                    requestLogin(request, response);
                }
                return;
            }
            user = users.find(request);
            resolution = resolver.follow(link, user.orElse(null));
        }
        if (!preview) {
            record(link, resolution, user);
        }
        if (resolution instanceof ToApp app && cameFromLogin(request)) {
            continueAfterLogin(request, response, app);
        } else if (resolution instanceof ToApp app) {
            seeOther(response, app.target().toString());
        } else if (resolution instanceof ToPage page) {
            seeOther(response, request.getContextPath() + page.path());
        } else if (resolution instanceof Rejected rejected) {
            reject(request, response, rejected, head);
        } else if (resolution instanceof Preview p) {
            preview(request, response, head, p.route().description(), p.app() == null ? null : p.app().name());
        } else if (resolution instanceof NeedsLogin login) {
            // A preview of a link that needs a login: no session, no login page for a scanner.
            preview(request, response, head, login.route().description(), null);
        }
    }

    /**
     * Whether this request is the one {@code LoginToContinue} sends the browser to right after a login form post.
     * The flag is consumed here, so it answers true once.
     */
    private static boolean cameFromLogin(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(AFTER_LOGIN) == null) {
            return false;
        }
        boolean same = session.getAttribute(AFTER_LOGIN).equals(self(request));
        session.removeAttribute(AFTER_LOGIN);
        return same;
    }

    /**
     * Goes on into the app after a form login with a tiny page instead of a redirect: browsers apply the login page's
     * CSP {@code form-action 'self'} to every redirect that follows the form post, so a 303 to the app would be
     * blocked there (Chromium stays on the login page without a word). A meta refresh is a new navigation; the
     * page also has a plain link for browsers that do not refresh.
     */
    private void continueAfterLogin(HttpServletRequest request, HttpServletResponse response, ToApp app)
            throws IOException {
        String target = html(app.target().toString());
        String name = html(app.app().name());
        byte[] body = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + target + "\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Opening " + name + " · Portico</title>"
                + "<link rel=\"stylesheet\" href=\"" + html(assets.url("css/portico.css"))
                + "\"></head><body class=\"portico\"><main id=\"content\" class=\"portico-content\">"
                + "<section id=\"link-continue\" class=\"portico-card\"><h1>Opening " + name + "…</h1>"
                + "<p><a id=\"link-open\" class=\"ui-button portico-primary\" href=\"" + target + "\">Continue to "
                + name + "</a></p></section></main></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String self(HttpServletRequest request) {
        return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    /** Fires the one event of this resolution; the analytics record it off the request path. */
    private void record(LinkRequest link, LinkResolution resolution, Optional<UserIdentity> user) {
        resolution.findOutcome().ifPresent(outcome -> resolved.fire(new LinkResolved(clock.instant(), link.route(),
                outcome, resolution.appId().orElse(null), user.map(UserIdentity::username).orElse(null))));
    }

    private static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    /**
     * Logs in the user named by an inbound link from an app trusted for sign-on, through the application's one
     * Jakarta Security mechanism (like the OpenID Connect callback does), with a new session id.
     */
    private boolean signOn(HttpServletRequest request, HttpServletResponse response, InboundLink link) {
        SignedLinkCredential credential = new SignedLinkCredential(link);
        String target = "user:" + link.subject();
        String detail = "signed link from app " + link.app().id();
        // Asked first, because a refused credential makes the mechanism answer 401 at once, and the person should
        // rather see the login page. The credential keeps the answer, so the mechanism does not check it again.
        if (signedLinkUsers.validate(credential).getStatus() != CredentialValidationResult.Status.VALID) {
            audit.recordAs(null, AuditAction.LOGIN_FAILED, target, AuditOutcome.REFUSED, detail + ": no enabled local user");
            return false;
        }
        if (request.getSession(false) != null) {
            request.changeSessionId();
        } else {
            request.getSession(true);
        }
        AuthenticationStatus status = securityContext.authenticate(request, response,
                withParams().newAuthentication(true).credential(credential));
        if (status == AuthenticationStatus.SUCCESS && request.getUserPrincipal() != null) {
            audit.recordAs(request.getUserPrincipal().getName(), AuditAction.LOGIN, target, AuditOutcome.SUCCESS, detail);
            return true;
        }
        audit.recordAs(null, AuditAction.LOGIN_FAILED, target, AuditOutcome.REFUSED, detail + ": " + status);
        return false;
    }

    /**
     * Hands the request to Jakarta Security as a protected resource would: {@code LoginToContinue} saves it (path and
     * query) and redirects to the login page; after a form or OpenID Connect login it redirects back here.
     */
    private void requestLogin(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        request.getSession(true).setAttribute(AFTER_LOGIN, self(request));
        if (request.authenticate(response)) {
            // Authenticated without a detour (an identity remembered in the session): follow the link now.
            follow(request, response, false);
        }
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, Rejected rejected, boolean head)
            throws IOException, ServletException {
        LinkOutcome outcome = rejected.outcome();
        int status = status(outcome);
        if (head) {
            response.setStatus(status);
            response.setContentType("text/html;charset=UTF-8");
            return;
        }
        if (wantsJson(request.getHeader("Accept"))) {
            // Problem types per outcome: https://portico.org/problems/link-expired and so on.
            byte[] body = Problems.body(status, "link-" + outcome.code().replace('_', '-'), LinkPage.title(outcome),
                    rejected.message(), Map.of("outcome", outcome.code())).toString().getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.setContentType(Problems.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        request.setAttribute(LinkPage.ATTRIBUTE, LinkPage.problem(outcome, status, rejected.message()));
        request.getRequestDispatcher(PROBLEM_PAGE).forward(request, response);
    }

    private void preview(HttpServletRequest request, HttpServletResponse response, boolean head, String description,
                         String appName) throws IOException, ServletException {
        if (head) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/html;charset=UTF-8");
            return;
        }
        request.setAttribute(LinkPage.ATTRIBUTE, LinkPage.preview(description, appName, self(request)));
        request.getRequestDispatcher(PREVIEW_PAGE).forward(request, response);
    }

    /** 404 for an unknown route, 403 when not allowed, 410 for what is gone for good, 400 for a broken link. */
    static int status(LinkOutcome outcome) {
        return switch (outcome) {
            case UNKNOWN_ROUTE -> HttpServletResponse.SC_NOT_FOUND;
            case DENIED -> HttpServletResponse.SC_FORBIDDEN;
            case EXPIRED, REPLAYED -> HttpServletResponse.SC_GONE;
            case INVALID_PARAMETER, BAD_SIGNATURE -> HttpServletResponse.SC_BAD_REQUEST;
            case OK -> HttpServletResponse.SC_OK;
        };
    }

    /** Whether the client prefers JSON: {@code application/json} or {@code application/problem+json} in Accept. */
    static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        return lower.contains("application/json") || lower.contains("application/problem+json");
    }

    private static String firstOf(String a, String b) {
        return a != null ? a : b;
    }
}
