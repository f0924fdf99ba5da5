package org.portico.web.it;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.deeplink.link.InboundLinkVerifier;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkTokenVerifier;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteTarget;
import org.portico.web.app.AppDraft;
import org.portico.web.app.AppService;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.link.InboundSecrets;
import org.portico.web.link.RouteService;
import org.portico.web.audit.AuditEntry;
import org.portico.web.app.RegisteredApp;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-on links (issue 8, items 1 to 3) over HTTP against the deployed Portico, set up from inside WildFly: an app
 * trusted for sign-on signs links for alice and ada into an app of their own, and {@code java.net.http} clients with
 * cookie jars we can look into follow them. What a person would notice is checked: the status, where the browser
 * goes, and who {@code GET /api/me} says the session belongs to — never the server's internals.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class SignOnLinkIT {

    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/126.0 Safari/537.36";
    private static final String SESSION_COOKIE = "PORTICO_SESSION";

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClasses(SignOnLinkIT.class, FormLogin.class, ItSupport.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    AppService apps;

    @Inject
    RouteService routes;

    @Inject
    InboundSecrets inboundSecrets;

    @Inject
    LinkTokenVerifier verifier;

    @Inject
    PorticoIssuer issuer;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    private String tag;
    private String app;
    private String trusted;
    private String secret;

    private String root() {
        return base.toString().replaceAll("/$", "");
    }

    /** The target app "https://{app}.example" and the app "trusted-…", trusted for sign-on with the default roles. */
    @BeforeEach
    void registerApps() {
        tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        app = "signon-" + tag;
        apps.create(new AppDraft(app, "Target " + tag, null, "https://" + app + ".example",
                List.of("https://" + app + ".example/"), List.of("name"), null, "client_secret", null,
                List.of(), false, true));
        trusted = "trusted-" + tag;
        apps.create(new AppDraft(trusted, "Partner " + tag, null, "https://" + trusted + ".example",
                List.of("https://" + trusted + ".example/"), List.of("name"), null, "client_secret", null,
                List.of(), true, true));
        secret = inboundSecrets.generate(trusted);
    }

    private LinkRoute route(LinkRoute.Builder builder) {
        LinkRoute route = builder.build();
        routes.create(route);
        return route;
    }

    private LinkRoute invoiceRoute(String name) {
        return route(LinkRoute.builder(name + "-" + tag).parameter(RouteParameter.of("id", ParameterType.INT))
                .target(new RouteTarget.AppUrl(app, "https://" + app + ".example/invoices/{id}")));
    }

    /** The link path and query signed by the trusted app for this user. */
    private String signedLink(String link, String subject) throws Exception {
        return signedLink(trusted, secret, link, subject);
    }

    private String signedLink(String appId, String appSecret, String link, String subject) throws Exception {
        Instant exp = clock.instant().plusSeconds(120);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(appId).audience(issuer.url()).subject(subject).jwtID("jti-" + System.nanoTime())
                .issueTime(Date.from(exp.minusSeconds(120))).expirationTime(Date.from(exp))
                .claim(InboundLinkVerifier.LINK, link).build());
        jwt.sign(new MACSigner(appSecret.getBytes(StandardCharsets.UTF_8)));
        return link + (link.contains("?") ? "&" : "?") + "_sig=" + jwt.serialize();
    }

    /** A browser: its own cookie jar (which the test may look into); follows no redirects. */
    private record Browser(HttpClient client, CookieManager cookies) {
        static Browser fresh() {
            CookieManager cookies = new CookieManager();
            return new Browser(HttpClient.newBuilder().cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER).build(), cookies);
        }

        Optional<String> sessionId() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(SESSION_COOKIE))
                    .map(HttpCookie::getValue).findFirst();
        }
    }

    private HttpResponse<String> get(Browser browser, String path) throws Exception {
        return browser.client().send(HttpRequest.newBuilder(URI.create(root() + path)).header("User-Agent", CHROME)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Who the session belongs to, as {@code GET /api/me} says: the username, or empty when it answers 401. */
    private Optional<String> me(Browser browser) throws Exception {
        HttpResponse<String> me = browser.client().send(HttpRequest.newBuilder(URI.create(root() + "/api/me"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (me.statusCode() == 401) {
            return Optional.empty();
        }
        assertEquals(200, me.statusCode(), me.body());
        return Optional.of(ItSupport.json(me).getString("username"));
    }

    private Browser loggedIn(String username) throws Exception {
        Browser browser = Browser.fresh();
        assertEquals(302, FormLogin.submit(browser.client(), root(), username, "portico-demo", "").statusCode(),
                "login of " + username);
        return browser;
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static boolean setsSessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(SESSION_COOKIE + "="));
    }

    private String tokenSubject(HttpResponse<?> hop) {
        String location = location(hop);
        String token = location.substring(location.indexOf("portico_token=") + "portico_token=".length()).split("&")[0];
        return verifier.verify(token, "https://" + app + ".example").subject();
    }

    // ---- item 1: decided before any session ------------------------------------------------------------------

    /**
     * Issue 8, item 1: opened once the link works; opened again from a fresh browser it answered 410 "already used"
     * — and the session cookie it set was logged in as alice, because the user was signed in before the jti was
     * checked. Now nobody is signed in before the whole link is decided.
     */
    @Test
    void aReplayedSignOnLinkFromAFreshBrowserIsRefusedAndLogsNobodyIn() throws Exception {
        String link = signedLink("/link/" + invoiceRoute("replay").name() + "/7", "alice");
        Browser first = Browser.fresh();
        HttpResponse<String> opened = get(first, link);
        Browser attacker = Browser.fresh();
        HttpResponse<String> replayed = get(attacker, link);
        assertAll(
                () -> assertEquals(303, opened.statusCode()),
                () -> assertEquals("alice", tokenSubject(opened)),
                () -> assertEquals(Optional.of("alice"), me(first)),
                () -> assertEquals(410, replayed.statusCode()),
                () -> assertTrue(replayed.body().contains("data-outcome=\"replayed\""), replayed.body()),
                () -> assertEquals(Optional.empty(), me(attacker), "the replay logged nobody in (the session the"
                        + " problem page may start is a guest's)"));
    }

    /**
     * Issue 8, item 1: a link refused after sign-on (roles, target, ticket) used to leave a logged-in session with a
     * new session id. Now a browser with a session keeps its id and stays a guest; one without stays a guest.
     */
    @Test
    void aSignOnLinkRefusedForRolesTargetOrTicketLeavesNoSessionAndKeepsTheSessionId() throws Exception {
        LinkRoute admins = route(LinkRoute.builder("admins-" + tag).roles("site-admin")
                .target(new RouteTarget.AppUrl(app, "https://" + app + ".example/admin")));
        LinkRoute outside = route(LinkRoute.builder("outside-" + tag).parameter(RouteParameter.of("v", ParameterType.STRING))
                .target(new RouteTarget.AppUrl(app, "https://" + app + ".example/files/{v}")));
        LinkRoute oneTime = route(LinkRoute.builder("once-" + tag).oneTime(true)
                .target(new RouteTarget.AppUrl(app, "https://" + app + ".example/once")));
        List<String> refused = List.of(signedLink("/link/" + admins.name(), "alice"),
                signedLink("/link/" + outside.name() + "?v=..", "alice"), signedLink("/link/" + oneTime.name(), "alice"));
        List<Integer> expected = List.of(403, 400, 400);
        for (int i = 0; i < refused.size(); i++) {
            String link = refused.get(i);
            int status = expected.get(i);
            Browser noSession = Browser.fresh();
            HttpResponse<String> bare = get(noSession, link);
            Browser withSession = Browser.fresh();
            get(withSession, "/link/" + admins.name()); // not signed: the login detour starts a session
            Optional<String> before = withSession.sessionId();
            HttpResponse<String> again = get(withSession, signedLink(link.substring(0, link.indexOf("_sig=") - 1), "alice"));
            assertAll(link,
                    () -> assertEquals(status, bare.statusCode(), bare.body()),
                    () -> assertEquals(Optional.empty(), me(noSession)),
                    () -> assertTrue(before.isPresent(), "the login detour started a session"),
                    () -> assertEquals(status, again.statusCode()),
                    () -> assertEquals(before, withSession.sessionId(), "the session id did not change"),
                    () -> assertEquals(Optional.empty(), me(withSession), "nobody was logged in"));
        }
    }

    // ---- item 3: sign-on roles -------------------------------------------------------------------------------

    /**
     * Issue 8, item 3: a trusted app signs in a site admin only when its sign-on roles name the role; a change of the
     * sign-on roles and every such sign-on are audited. (The app directory caches registrations for five seconds, so
     * the app that allows admins is registered that way rather than changed here.)
     */
    @Test
    void aSiteAdminIsSignedInByALinkOnlyWhenTheAppsSignOnRolesNameTheRole() throws Exception {
        String path = "/link/" + invoiceRoute("admin").name() + "/1";
        Browser refusedBrowser = Browser.fresh();
        HttpResponse<String> refused = get(refusedBrowser, signedLink(path, "ada"));

        String forAdmins = "admins-" + tag;
        apps.create(new AppDraft(forAdmins, "Admin tool " + tag, null, "https://" + forAdmins + ".example",
                List.of("https://" + forAdmins + ".example/"), List.of("name"), null, "client_secret", null, List.of(),
                true, true, false, List.of("end-user", "site-admin")));
        String adminSecret = inboundSecrets.generate(forAdmins);
        Browser allowedBrowser = Browser.fresh();
        HttpResponse<String> allowed = get(allowedBrowser, signedLink(forAdmins, adminSecret, path, "ada"));
        HttpResponse<String> endUser = get(Browser.fresh(), signedLink(forAdmins, adminSecret, path, "alice"));

        RegisteredApp partner = apps.getById(trusted);
        apps.update(trusted, partner.getVersion(), new AppDraft(trusted, partner.getName(), null,
                partner.getAudience(), partner.getBaseUrls(), List.of("name"), null, "client_secret", null, List.of(),
                true, true, false, List.of("end-user", "content-editor")));
        List<AuditEntry> created = audit("APP_SIGN_ON_ROLES_CHANGED", "app:" + forAdmins);
        List<AuditEntry> changed = audit("APP_SIGN_ON_ROLES_CHANGED", "app:" + trusted);
        List<AuditEntry> logins = audit("LOGIN", "user:ada");
        assertAll(
                () -> assertEquals(403, refused.statusCode()),
                () -> assertTrue(refused.body().contains("data-outcome=\"denied\""), refused.body()),
                () -> assertTrue(refused.body().contains("may not sign in an account with your rights"), refused.body()),
                () -> assertEquals(Optional.empty(), me(refusedBrowser)),
                () -> assertEquals(303, allowed.statusCode(), allowed.body()),
                () -> assertEquals("ada", tokenSubject(allowed)),
                () -> assertEquals(Optional.of("ada"), me(allowedBrowser)),
                () -> assertEquals(303, endUser.statusCode(), "an end-user too: every role of alice is allowed"),
                () -> assertEquals(1, created.size(), "registered with site-admin: audited"),
                () -> assertTrue(created.get(0).getDetail().contains("[end-user] -> [end-user, site-admin]")
                        && created.get(0).getDetail().contains("WARNING"), created.get(0).getDetail()),
                () -> assertEquals(1, changed.size(), "a changed allowlist: audited"),
                () -> assertEquals("sign-on roles [end-user] -> [end-user, content-editor]", changed.get(0).getDetail()),
                () -> assertTrue(logins.stream().anyMatch(e -> e.getDetail() != null
                        && e.getDetail().contains("signed link from app " + forAdmins)
                        && e.getDetail().contains("a site admin signed in by a link")), "the sign-on is audited"));
    }

    private List<AuditEntry> audit(String action, String target) {
        return em.createQuery("select e from AuditEntry e where e.action = :action and e.target = :target"
                + " order by e.id", AuditEntry.class).setParameter("action", action).setParameter("target", target)
                .getResultList();
    }

    // ---- item 2: another user's sign-on link -----------------------------------------------------------------

    private static String choiceOf(String page) {
        Matcher choice = Pattern.compile("name=\"choice\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(choice.find(), "the page carries the question's id: " + page);
        return choice.group(1);
    }

    private HttpResponse<String> answer(Browser browser, String choice, String answer, String origin) throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(root() + "/link-sign-on"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", CHROME)
                .POST(HttpRequest.BodyPublishers.ofString("choice=" + URLEncoder.encode(choice, StandardCharsets.UTF_8)
                        + "&answer=" + answer));
        if (origin != null) {
            post.header("Origin", origin);
        }
        return browser.client().send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Issue 8, item 2: logged in as ada, a sign-on link for alice asks first (consuming nothing); a post from another
     * origin is refused and changes nothing; "Stay" keeps ada; "Continue" ends ada's session and logs alice in with a
     * new session id. The question's id works once.
     */
    @Test
    void aSignOnLinkForAnotherUserAsksAndOnlyASameOriginPostSwitches() throws Exception {
        String path = "/link/" + invoiceRoute("switch").name() + "/3";
        String link = signedLink(path, "alice");
        Browser ada = loggedIn("ada");
        HttpResponse<String> asked = get(ada, link);
        HttpResponse<String> askedAgain = get(ada, link);
        String choice = choiceOf(askedAgain.body());
        HttpResponse<String> forged = answer(ada, choice, "continue", "https://evil.example");
        Optional<String> afterForged = me(ada);
        HttpResponse<String> stay = answer(ada, choiceOf(asked.body()), "stay", root());
        Optional<String> afterStay = me(ada);
        Optional<String> sessionBefore = ada.sessionId();
        HttpResponse<String> switched = answer(ada, choice, "continue", root());
        HttpResponse<String> reused = answer(ada, choice, "continue", root());
        assertAll(
                () -> assertEquals(200, asked.statusCode()),
                () -> assertTrue(asked.body().contains("data-outcome=\"switch\""), asked.body()),
                () -> assertTrue(asked.body().contains("Continue as Alice End-User"), asked.body()),
                () -> assertTrue(asked.body().contains("Stay as Ada Admin"), asked.body()),
                () -> assertEquals(200, askedAgain.statusCode(), "asking consumed nothing"),
                () -> assertEquals(403, forged.statusCode(), "a post from another origin"),
                () -> assertEquals(Optional.of("ada"), afterForged),
                () -> assertEquals(303, stay.statusCode()),
                () -> assertTrue(location(stay).endsWith(URI.create(root()).getRawPath() + "/"), "home: " + location(stay)),
                () -> assertEquals(Optional.of("ada"), afterStay, "stay keeps ada"),
                () -> assertEquals(200, switched.statusCode(), "after a form post: the page that refreshes into the app"),
                () -> assertTrue(switched.body().contains("url=https://" + app + ".example/invoices/3#portico_token="),
                        switched.body()),
                () -> assertTrue(setsSessionCookie(switched), "a new session"),
                () -> assertFalse(sessionBefore.equals(ada.sessionId()), "a new session id"),
                () -> assertEquals(Optional.of("alice"), me(ada)),
                () -> assertEquals(410, reused.statusCode(), "the question's id works once"));
    }

    /** Issue 8, item 2: a cross-origin post of the answer (a forged form on another site) is refused without a trace. */
    @Test
    void aCrossOriginPostToTheSignOnChoiceIsRefused() throws Exception {
        Browser ada = loggedIn("ada");
        String choice = choiceOf(get(ada, signedLink("/link/" + invoiceRoute("csrf").name() + "/4", "alice")).body());
        HttpRequest crossSite = HttpRequest.newBuilder(URI.create(root() + "/link-sign-on"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("choice=" + choice + "&answer=continue")).build();
        HttpResponse<String> byOrigin = answer(ada, choice, "continue", "https://evil.example");
        HttpResponse<String> opaque = ada.client().send(HttpRequest.newBuilder(URI.create(root() + "/link-sign-on"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "null")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("choice=" + choice + "&answer=continue")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> bySecFetch = ada.client().send(crossSite, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> guessed = answer(ada, "AAAAAAAAAAAAAAAAAAAAAA", "continue", root());
        HttpResponse<String> otherSession = answer(Browser.fresh(), choice, "continue", root());
        HttpResponse<String> byGet = get(ada, "/link-sign-on?choice=" + choice + "&answer=continue");
        assertAll(
                () -> assertEquals(403, byOrigin.statusCode()),
                () -> assertEquals(403, bySecFetch.statusCode()),
                () -> assertEquals(403, opaque.statusCode(), "an opaque origin from another site (a sandboxed frame)"),
                () -> assertEquals(410, guessed.statusCode(), "no such question in this session"),
                () -> assertEquals(410, otherSession.statusCode(), "the question belongs to ada's session"),
                () -> assertEquals(404, byGet.statusCode(), "never a GET (405, shown as the not-found page)"),
                () -> assertEquals(Optional.of("ada"), me(ada), "still ada"));
    }
}
