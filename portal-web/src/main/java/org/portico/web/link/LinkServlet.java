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
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.link.InboundLink;
import org.portico.deeplink.link.LinkMessage;
import org.portico.deeplink.link.LinkOutcome;
import org.portico.deeplink.link.LinkPrefetchers;
import org.portico.deeplink.link.LinkRequest;
import org.portico.deeplink.link.LinkResolution;
import org.portico.deeplink.link.LinkResolution.ConfirmSignOn;
import org.portico.deeplink.link.LinkResolution.NeedsLogin;
import org.portico.deeplink.link.LinkResolution.Preview;
import org.portico.deeplink.link.LinkResolution.Rejected;
import org.portico.deeplink.link.LinkResolution.SignOn;
import org.portico.deeplink.link.LinkResolution.ToApp;
import org.portico.deeplink.link.LinkResolution.ToPage;
import org.portico.deeplink.link.LinkResolver;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.token.RevocationList;
import org.portico.deeplink.token.UserIdentity;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.metrics.PorticoMetrics;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.problem.Problems;
import org.portico.web.user.Role;
import org.portico.web.security.BrowserOrigin;
import org.portico.web.security.SessionIds;
import org.portico.web.security.SignedLinkCredential;

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
 * (form or OpenID Connect); after the login the browser comes back to the same link with all its parameters;</li>
 * <li>an inbound link signed by an app trusted for sign-on ({@link SignOn}): the resolver decided everything as the
 * user it names and consumed its {@code jti}; only then is that user logged in, with a new session id. A refused
 * link touches no session;</li>
 * <li>a sign-on link for another user than the one logged in ({@link ConfirmSignOn}): a page asks "Continue as …?" /
 * "Stay as …"; its buttons {@code POST /link-sign-on} (same origin, with the question's one-time id from the
 * session). "Continue" resolves the link again from scratch, logs the current user out (their tokens revoked, their
 * session ended) and the link's user in with a new session; "Stay" goes to the home page and consumes nothing;</li>
 * <li>a bad link: a friendly page in the site layout with the right status (400, 403, 404, 410), or RFC 9457
 * problem+json for clients that ask for JSON, with a stable {@code type} per outcome;</li>
 * <li>HEAD and link prefetchers (mail scanners, Office, chat previews): the same checks, nothing consumed, no token,
 * a harmless page that tells a person to open the link in their browser.</li>
 * </ul>
 * Every resolution (not the login detour, not a preview) fires exactly one {@link LinkResolved} event. Responses are
 * {@code no-store} and {@code Referrer-Policy: no-referrer}: they carry tokens and tickets (the sign-on question alone
 * is {@code same-origin}, so that its form posts carry their origin).
 */
@WebServlet(name = "LinkServlet", urlPatterns = {"/link/*", LinkServlet.SIGN_ON_CHOICE})
public class LinkServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;


    /** Session attribute: the link (path and query) this session was sent to log in for. */
    static final String AFTER_LOGIN = LinkServlet.class.getName() + ".afterLogin";

    static final String PROBLEM_PAGE = "/WEB-INF/links/problem.xhtml";
    static final String PREVIEW_PAGE = "/WEB-INF/links/preview.xhtml";
    static final String SWITCH_PAGE = "/WEB-INF/links/switch.xhtml";

    /** Where the "Continue as …?" page posts its answer. */
    static final String SIGN_ON_CHOICE = "/link-sign-on";

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
    transient PorticoMetrics metrics;

    @Inject
    transient RevocationList revocations;

    @Inject
    transient SigningKeys keys;

    @Inject
    transient PorticoIssuer issuer;

    @Inject
    transient Clock clock;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (SIGN_ON_CHOICE.equals(request.getServletPath())) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        follow(request, response, false);
    }

    /** HEAD never has side effects: checked like GET, answered like a preview, nothing consumed or recorded. */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        follow(request, response, true);
    }

    private void follow(HttpServletRequest request, HttpServletResponse response, boolean head)
            throws IOException, ServletException {
        noStore(response);
        LinkRequest link = LinkRequest.parse(request.getRequestURI().substring(request.getContextPath().length()),
                request.getQueryString());
        boolean preview = head || LinkPrefetchers.isPrefetch(request.getHeader("User-Agent"),
                firstOf(request.getHeader("Sec-Purpose"), request.getHeader("Purpose")),
                firstOf(request.getHeader("X-Purpose"), request.getHeader("X-Moz")));
        Optional<UserIdentity> user = users.find(request);
        LinkResolution resolution = preview ? resolver.preview(link, user.orElse(null))
                : resolver.follow(link, user.orElse(null));
        if (resolution instanceof NeedsLogin && !preview) {
            requestLogin(request, response);
        } else if (resolution instanceof ConfirmSignOn confirm && !preview) {
            askToSwitch(request, response, confirm, user.orElseThrow());
        } else {
            finish(request, response, link, resolution, user, head, preview, false);
        }
    }

    /**
     * Carries out a decided resolution: a sign-on logs its user in first (nothing about the link is decided again),
     * then the one event is recorded and the browser goes where the resolution says.
     */
    private void finish(HttpServletRequest request, HttpServletResponse response, LinkRequest link,
                        LinkResolution resolution, Optional<UserIdentity> user, boolean head, boolean preview,
                        boolean formPost) throws IOException, ServletException {
        if (resolution instanceof SignOn signOn) {
            if (signOn(request, response, signOn)) {
                user = Optional.of(signOn.user());
                resolution = signOn.then();
            } else {
                resolution = new Rejected(LinkOutcome.DENIED, LinkMessage.of("link.sign-on.failed"),
                        route(signOn.then()));
            }
        }
        if (!preview) {
            record(link, resolution, user);
        }
        if (resolution instanceof ToApp app && (formPost || cameFromLogin(request))) {
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
        } else if (resolution instanceof ConfirmSignOn confirm) {
            preview(request, response, head, confirm.route().description(), null);
        }
    }

    private static LinkRoute route(LinkResolution resolution) {
        return resolution instanceof ToApp app ? app.route() : ((ToPage) resolution).route();
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    // ---- another user's sign-on link: ask, then act on a POST ------------------------------------------------

    /**
     * Shows "Continue as alice?" / "Stay as bob" for a sign-on link that names someone else than the logged-in user.
     * Nothing was consumed; the question is kept in the session ({@link SignOnChoices}) for the answer to refer to.
     */
    private void askToSwitch(HttpServletRequest request, HttpServletResponse response, ConfirmSignOn confirm,
                             UserIdentity current) throws IOException, ServletException {
        String choice = SignOnChoices.open(request.getSession(), new SignOnChoices.Choice(self(request)
                .substring(request.getContextPath().length()), confirm.user().username(), confirm.link().expiresAt()));
        request.setAttribute(LinkPage.SWITCH_ATTRIBUTE, new LinkPage.Switch(displayName(current), current.username(),
                displayName(confirm.user()), confirm.user().username(), confirm.link().app().name(), choice));
        request.setAttribute(LinkPage.ATTRIBUTE, LinkPage.switchUser(displayName(confirm.user())));
        // With no-referrer, browsers send the page's form posts with "Origin: null"; the answer goes to Portico only.
        response.setHeader("Referrer-Policy", "same-origin");
        request.getRequestDispatcher(SWITCH_PAGE).forward(request, response);
    }

    private static String displayName(UserIdentity user) {
        return user.name() == null || user.name().isBlank() ? user.username() : user.name();
    }

    /**
     * {@code POST /link-sign-on}: the answer to {@link #askToSwitch}. Refused unless it comes from Portico's own
     * origin and names a question open in this session (a one-time id, so a forged or repeated post finds nothing).
     * "continue" resolves the link again in full; only a {@link SignOn} logs the current user out and the link's user
     * in. "stay" consumes nothing and goes to the home page.
     */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        noStore(response);
        if (!SIGN_ON_CHOICE.equals(request.getServletPath())) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        // A page of Portico's own asks; a request with neither Origin nor Sec-Fetch-Site (not a browser) still needs
        // the session's one-time question id below.
        if (!BrowserOrigin.isOwn(request, issuer.url())) {
            reject(request, response, new Rejected(LinkOutcome.DENIED, LinkMessage.of("link.sign-on.not-from-portico"),
                    null), false);
            return;
        }
        String answer = request.getParameter("answer");
        Optional<SignOnChoices.Choice> choice = SignOnChoices.take(request.getSession(false),
                request.getParameter("choice"), clock.instant());
        if (choice.isEmpty() || !("continue".equals(answer) || "stay".equals(answer))) {
            reject(request, response, new Rejected(LinkOutcome.EXPIRED, LinkMessage.of("link.sign-on.answered"), null),
                    false);
            return;
        }
        if ("stay".equals(answer)) {
            seeOther(response, request.getContextPath() + "/");
            return;
        }
        String stored = choice.get().link();
        int query = stored.indexOf('?');
        LinkRequest link = LinkRequest.parse(query < 0 ? stored : stored.substring(0, query),
                query < 0 ? null : stored.substring(query + 1));
        Optional<UserIdentity> user = users.find(request);
        LinkResolution resolution = resolver.followSwitching(link, user.orElse(null));
        if (resolution instanceof SignOn signOn && !signOn.user().username().equals(choice.get().subject())) {
            resolution = new Rejected(LinkOutcome.DENIED, LinkMessage.of("link.sign-on.other-user"),
                    route(signOn.then()));
        } else if (resolution instanceof SignOn && user.isPresent()) {
            logOut(request, user.get());
        } else if (resolution instanceof NeedsLogin || resolution instanceof ConfirmSignOn) {
            resolution = new Rejected(LinkOutcome.DENIED, LinkMessage.of("link.sign-on.failed"), null);
        }
        finish(request, response, link, resolution, user, false, false, true);
    }

    /** Ends the current user's login before another user is signed in: like the logout button, tokens revoked. */
    private void logOut(HttpServletRequest request, UserIdentity current) throws ServletException {
        audit.recordAs(current.username(), AuditAction.LOGOUT, "user:" + current.username(), AuditOutcome.SUCCESS,
                "switched to another user by a sign-on link");
        HttpSession session = request.getSession(false);
        SessionIds.find(session).ifPresent(sid ->
                revocations.revokeSession(sid, clock.instant().plus(keys.config().retirementGrace())));
        request.logout();
        if (session != null) {
            session.invalidate();
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
     * Goes on into the app after a form post (the login form, the "Continue as …" button) with a small page
     * ({@code continue.xhtml}) instead of a redirect: browsers apply the posting page's CSP {@code form-action 'self'}
     * to every redirect that follows the form post, so a 303 to the app would be blocked there (Chromium stays on the
     * login page without a word). The page's meta refresh is a new navigation; it also has a plain link for browsers
     * that do not refresh.
     */
    private void continueAfterLogin(HttpServletRequest request, HttpServletResponse response, ToApp app)
            throws IOException, ServletException {
        LinkPage.continueTo(request, app.target().toString(), app.app().name());
        request.getRequestDispatcher(LinkPage.CONTINUE_PAGE).forward(request, response);
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
     * Logs in the user of a decided sign-on link through the application's one Jakarta Security mechanism (like the
     * OpenID Connect callback does), with a new session id. The credential carries the identity the resolver decided
     * the link for, so the session gets exactly the roles that were checked. A site admin signed in this way gets
     * an audit entry that says so.
     */
    private boolean signOn(HttpServletRequest request, HttpServletResponse response, SignOn signOn) {
        InboundLink link = signOn.link();
        SignedLinkCredential credential = SignedLinkCredential.decided(link, signOn.user());
        String target = "user:" + link.subject();
        String detail = "signed link from app " + link.app().id()
                + (signOn.user().roles().contains(Role.Names.SITE_ADMIN)
                ? "; a site admin signed in by a link, allowed by the app's sign-on roles " + link.app().signOnRoles()
                : "");
        // Always a fresh id, also for a session created right after the previous user's ended (a switch of users):
        // no id the browser held before the login is valid after it.
        request.getSession(true);
        request.changeSessionId();
        AuthenticationStatus status = securityContext.authenticate(request, response,
                withParams().newAuthentication(true).credential(credential));
        if (status == AuthenticationStatus.SUCCESS && request.getUserPrincipal() != null) {
            audit.recordAs(request.getUserPrincipal().getName(), AuditAction.LOGIN, target, AuditOutcome.SUCCESS, detail);
            metrics.login("signed_link", "success");
            return true;
        }
        audit.recordAs(null, AuditAction.LOGIN_FAILED, target, AuditOutcome.REFUSED, detail + ": " + status);
        metrics.login("signed_link", "refused");
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
            Locale locale = locale(request);
            byte[] body = Problems.body(status, "link-" + outcome.code().replace('_', '-'),
                    LinkMessages.format(locale, LinkPage.title(outcome)), LinkMessages.format(locale, rejected.text()),
                    Map.of("outcome", outcome.code())).toString().getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.setContentType(Problems.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        request.setAttribute(LinkPage.ATTRIBUTE, LinkPage.problem(outcome, status, rejected.text()));
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

    /**
     * The language of a problem+json answer: the client's {@code Accept-Language}; English without one (not the
     * server's default locale). A language without a bundle of its own gets English.
     */
    static Locale locale(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
    }

    private static String firstOf(String a, String b) {
        return a != null ? a : b;
    }
}
