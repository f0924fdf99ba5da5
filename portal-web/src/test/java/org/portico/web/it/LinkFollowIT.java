package org.portico.web.it;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.link.InboundLinkVerifier;
import org.portico.deeplink.link.LinkOutcome;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkTokenVerifier;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.link.TokenPlacement;
import org.portico.web.app.AppDraft;
import org.portico.web.app.AppService;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.link.InboundSecrets;
import org.portico.web.link.JpaLinkRoutes;
import org.portico.web.link.OutboundLinks;
import org.portico.web.link.RouteService;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.basic;
import static org.portico.web.it.ItSupport.json;

/**
 * Following links over HTTP against the deployed Portico, set up from inside WildFly (routes and apps through their
 * services, tickets through {@link OutboundLinks}) and driven with {@code java.net.http} clients that follow no
 * redirects: the hop into an app, every rejection with its status and outcome, a table of open-redirect attempts in
 * parameters and templates, the login detour that comes back to the same link, one-time links under 20 parallel
 * requests, HEAD and prefetchers, inbound signed links, and {@code POST /api/links}. Tagged {@code database}: the
 * one-time race runs on H2 and on PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class LinkFollowIT {

    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/126.0 Safari/537.36";
    private static final String OUTLOOK = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)";

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClasses(LinkFollowIT.class, FormLogin.class, ItSupport.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    AppService apps;

    @Inject
    RouteService routes;

    @Inject
    JpaLinkRoutes cachedRoutes;

    @Inject
    OutboundLinks links;

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

    @Inject
    UserTransaction tx;

    private String tag;
    private String app;

    private String root() {
        return base.toString().replaceAll("/$", "");
    }

    /** A fresh app "https://{app}.example" with every claim, and its routes named after it. */
    @BeforeEach
    void registerApp() {
        tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        app = "links-" + tag;
        apps.create(new AppDraft(app, "Links " + tag, null, "https://" + app + ".example",
                List.of("https://" + app + ".example/"), List.of("name", "email", "roles"), null, "client_secret", null,
                List.of(), false, true));
    }

    private LinkRoute route(LinkRoute.Builder builder) {
        LinkRoute route = builder.build();
        routes.create(route);
        return route;
    }

    private LinkRoute.Builder appRoute(String name, String template) {
        return LinkRoute.builder(name + "-" + tag).target(new RouteTarget.AppUrl(app, template));
    }

    private HttpResponse<String> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path)).header("User-Agent", CHROME);
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpClient alice() throws Exception {
        return FormLogin.loggedIn(root(), "alice", "portico-demo");
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }


    private static String token(String location) {
        int at = location.indexOf("portico_token=");
        return location.substring(at + "portico_token=".length()).split("&")[0];
    }

    // ---- the hop ---------------------------------------------------------------------------------------------

    @Test
    void aLoggedInUserGoesIntoTheAppWithAFreshSignedTokenInTheFragment() throws Exception {
        LinkRoute invoice = route(appRoute("invoice", "https://" + app + ".example/invoices/{id}?tab={tab}")
                .parameter(RouteParameter.of("id", ParameterType.INT))
                .parameter(RouteParameter.oneOf("tab", List.of("items", "payments")).optional())
                .claims(UserClaim.NAME, UserClaim.EMAIL));
        HttpResponse<String> hop = get(alice(), "/link/" + invoice.name() + "/0042?tab=items");
        String location = location(hop);
        var verified = verifier.verify(token(location), "https://" + app + ".example");
        assertAll(
                () -> assertEquals(303, hop.statusCode()),
                () -> assertTrue(location.startsWith("https://" + app + ".example/invoices/42?tab=items#portico_token=ey"),
                        location),
                () -> assertEquals("no-store", hop.headers().firstValue("Cache-Control").orElse("")),
                () -> assertEquals("no-referrer", hop.headers().firstValue("Referrer-Policy").orElse("")),
                () -> assertEquals("alice", verified.subject()),
                () -> assertEquals(invoice.name(), verified.route()),
                () -> assertEquals(Map.of("id", "42", "tab", "items"), verified.params()),
                () -> assertEquals("alice@portico.example", verified.claims().getClaim("email")),
                () -> assertEquals(null, verified.claims().getClaim("roles")),
                () -> assertEquals(issuer.url(), verified.claims().getIssuer()));
    }

    @Test
    void aRouteMayPutTheTokenIntoTheQueryAndAPorticoPageIsAnotherRedirect() throws Exception {
        LinkRoute query = route(appRoute("query", "https://" + app + ".example/search?q={q}#results")
                .parameter(RouteParameter.of("q", ParameterType.STRING)).tokenPlacement(TokenPlacement.QUERY));
        LinkRoute page = route(LinkRoute.builder("page-" + tag).guestsAllowed(true)
                .parameter(RouteParameter.of("tab", ParameterType.STRING))
                .target(new RouteTarget.PortalPage("/home.xhtml?tab={tab}")));
        HttpResponse<String> search = get(alice(), "/link/" + query.name() + "?q=a%26b+c");
        HttpResponse<String> local = get(FormLogin.newClient(), "/link/" + page.name() + "/news");
        assertAll(
                () -> assertTrue(location(search).startsWith("https://" + app + ".example/search?q=a%26b%20c"
                        + "&portico_token=ey"), location(search)),
                () -> assertTrue(location(search).endsWith("#results")),
                () -> assertEquals(303, local.statusCode()),
                () -> assertEquals("/home.xhtml?tab=news", URI.create(location(local)).getPath() + "?"
                        + URI.create(location(local)).getQuery()));
    }

    // ---- rejections ------------------------------------------------------------------------------------------

    @Test
    void everyRejectionHasItsStatusOutcomeFriendlyPageAndProblemType() throws Exception {
        LinkRoute invoice = route(appRoute("inv", "https://" + app + ".example/invoices/{id}")
                .parameter(RouteParameter.of("id", ParameterType.INT)));
        LinkRoute off = route(appRoute("off", "https://" + app + ".example/").enabled(false));
        LinkRoute over = route(appRoute("over", "https://" + app + ".example/")
                .validFrom(Instant.parse("2020-01-01T00:00:00Z")).validUntil(Instant.parse("2021-01-01T00:00:00Z")));
        LinkRoute admins = route(appRoute("admins", "https://" + app + ".example/").roles("site-admin"));
        HttpClient alice = alice();
        record Case(String path, int status, LinkOutcome outcome) {
        }
        List<Case> cases = List.of(
                new Case("/link/no-such-route-" + tag, 404, LinkOutcome.UNKNOWN_ROUTE),
                new Case("/link/" + invoice.name() + "/abc", 400, LinkOutcome.INVALID_PARAMETER),
                new Case("/link/" + invoice.name(), 400, LinkOutcome.INVALID_PARAMETER),
                new Case("/link/" + invoice.name() + "/1?colour=crimson", 400, LinkOutcome.INVALID_PARAMETER),
                new Case("/link/" + invoice.name() + "/1?id=2", 400, LinkOutcome.INVALID_PARAMETER),
                new Case("/link/" + off.name(), 403, LinkOutcome.DENIED),
                new Case("/link/" + over.name(), 410, LinkOutcome.EXPIRED),
                new Case("/link/" + admins.name(), 403, LinkOutcome.DENIED));
        for (Case c : cases) {
            HttpResponse<String> page = get(alice, c.path());
            HttpResponse<String> problem = get(alice, c.path(), "Accept", "application/problem+json");
            JsonObject body = json(problem);
            assertAll(c.path(),
                    () -> assertEquals(c.status(), page.statusCode()),
                    () -> assertTrue(page.body().contains("data-outcome=\"" + c.outcome().code() + "\""), page.body()),
                    () -> assertTrue(page.body().contains("id=\"link-advice\"")),
                    () -> assertTrue(page.body().contains("portico-header"), "the site layout"),
                    () -> assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse("")),
                    () -> assertEquals(c.status(), problem.statusCode()),
                    () -> assertEquals("application/problem+json", problem.headers().firstValue("Content-Type")
                            .orElse("").split(";")[0]),
                    () -> assertEquals("https://portico.org/problems/link-" + c.outcome().code().replace('_', '-'),
                            body.getString("type")),
                    () -> assertEquals(c.outcome().code(), body.getString("outcome")),
                    () -> assertFalse(body.getString("detail").contains("crimson")));
        }
    }

    @Test
    void valuesAreNeverEchoedIntoThePage() throws Exception {
        LinkRoute invoice = route(appRoute("echo", "https://" + app + ".example/invoices/{id}")
                .parameter(RouteParameter.of("id", ParameterType.INT)));
        HttpResponse<String> page = get(alice(), "/link/" + invoice.name() + "/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertAll(
                () -> assertEquals(400, page.statusCode()),
                () -> assertFalse(page.body().contains("<script>alert")),
                () -> assertFalse(page.body().contains("alert(1)")),
                () -> assertTrue(page.body().contains("parameter &#39;id&#39; must be a whole number")
                        || page.body().contains("parameter 'id' must be a whole number"), page.body()));
    }

    // ---- open redirects --------------------------------------------------------------------------------------

    /** Attack values in every position of a template: either the hop stays in the app, or it is refused. */
    @Test
    void openRedirectAttemptsInParametersNeverLeaveTheApp() throws Exception {
        LinkRoute go = route(appRoute("go", "https://" + app + ".example/go/{p}?next={q}#at-{q}")
                .parameter(RouteParameter.of("p", ParameterType.STRING))
                .parameter(RouteParameter.of("q", ParameterType.STRING)));
        List<String> attacks = List.of("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>",
                "//evil.example", "\\\\evil.example", "/\\evil.example", "user@evil.example",
                "https://evil.example", "billing.example.evil", "billing.example@evil", "evil\u3002example",
                "evil\uff0eexample", "..", "../../x", "%0d%0aLocation: https://evil.example", "%2f%2fevil.example",
                "%252f%252fevil.example", "\r\nSet-Cookie: x=1", "\u0000", "x#y?z&a=b");
        HttpClient alice = alice();
        int sent = 0;
        for (String attack : attacks) {
            for (String raw : List.of(URLEncoder.encode(attack, StandardCharsets.UTF_8), attack.replace(" ", "%20"))) {
                String path = "/link/" + go.name() + "/" + raw.replace("+", "%20") + "?q=" + raw;
                HttpResponse<String> response;
                try {
                    response = get(alice, path);
                } catch (IllegalArgumentException e) {
                    continue; // not even a valid URI on the client side (a raw CR, a backslash): nothing to send
                }
                sent++;
                String location = location(response);
                // 404: the container resolved "../.." itself, and the request never reached a link.
                assertTrue((response.statusCode() == 400 || response.statusCode() == 404) && location.isEmpty()
                        || response.statusCode() == 303
                        && URI.create(location).getHost().equals(app + ".example")
                        && URI.create(location).getRawPath().startsWith("/go/")
                        && URI.create(location).getRawQuery().split("&").length == 1,
                        attack + " → " + response.statusCode() + " " + location);
            }
        }
        // Every attack's URL-encoded form is a valid URI: only raw forms may have been impossible to send.
        assertTrue(sent >= attacks.size(), "sent " + sent + " of at least " + attacks.size());
    }

    /** Templates stored (by whatever means) outside the app's base URLs are refused when the link is followed. */
    @Test
    void openRedirectAttemptsInTemplatesAreRefusedAtTheHop() throws Exception {
        LinkRoute stored = route(appRoute("tpl", "https://" + app + ".example/x/{v}")
                .parameter(RouteParameter.of("v", ParameterType.STRING)));
        List<String> templates = List.of("javascript:alert(1)//{v}", "data:text/html,{v}", "//evil.example/{v}",
                "\\\\evil.example/{v}", "/\\evil.example/{v}", "https://user@" + app + ".example/{v}",
                "https://" + app + ".example@evil.example/{v}", "https://" + app + ".example.evil/{v}",
                "https://" + app + ".example./{v}", "https://" + app + "\u3002example/{v}", "JaVaScRiPt:alert({v})",
                "https://" + app + ".example/x/%2e%2e/%2e%2e/{v}", "https://" + app + ".example/x/%252e%252e/{v}",
                "https://" + app + ".example/x/%0d%0a/{v}", "http://" + app + ".example/{v}");
        HttpClient alice = alice();
        for (String template : templates) {
            tx.begin();
            em.createNativeQuery("UPDATE portico_link_route SET target_template = ?1 WHERE name = ?2")
                    .setParameter(1, template).setParameter(2, stored.name()).executeUpdate();
            tx.commit();
            cachedRoutes.invalidateAll();
            HttpResponse<String> response = get(alice, "/link/" + stored.name() + "/1");
            assertAll(template,
                    () -> assertTrue(response.statusCode() == 400 || response.statusCode() == 404, response.statusCode()
                            + " " + location(response)),
                    () -> assertTrue(location(response).isEmpty()));
        }
    }

    // ---- the login detour ------------------------------------------------------------------------------------

    @Test
    void aGuestLogsInAndComesBackToTheSameLinkWithAllItsParameters() throws Exception {
        LinkRoute invoice = route(appRoute("login", "https://" + app + ".example/invoices/{id}?tab={tab}")
                .parameter(RouteParameter.of("id", ParameterType.INT))
                .parameter(RouteParameter.of("tab", ParameterType.STRING).optional()));
        HttpClient guest = FormLogin.newClient();
        String link = "/link/" + invoice.name() + "/7?tab=a%20b%26c";
        HttpResponse<String> first = get(guest, link);
        HttpResponse<String> login = FormLogin.submit(guest, root(), "alice", "portico-demo", "");
        String again = URI.create(location(login)).getRawPath() + "?" + URI.create(location(login)).getRawQuery();
        HttpResponse<String> back = get(guest, again);
        HttpResponse<String> later = get(guest, again);
        assertAll(
                () -> assertTrue(first.statusCode() == 302 || first.statusCode() == 303, "to the login page: "
                        + first.statusCode()),
                () -> assertTrue(location(first).contains("/login.xhtml"), location(first)),
                () -> assertTrue(location(login).endsWith(link), "back to the same link: " + location(login)),
                () -> assertEquals(200, back.statusCode(), "right after the form post: a page that refreshes into"
                        + " the app, since the login page's CSP form-action would block a redirect there"),
                () -> assertTrue(back.body().contains("<meta http-equiv=\"refresh\" content=\"0;url=https://" + app
                        + ".example/invoices/7?tab=a%20b%26c#portico_token=ey"), back.body()),
                () -> assertEquals("no-referrer", back.headers().firstValue("Referrer-Policy").orElse("")),
                () -> assertEquals(303, later.statusCode(), "every later hop is a plain redirect"),
                () -> assertTrue(location(later).startsWith("https://" + app + ".example/invoices/7?tab=a%20b%26c#portico_token="),
                        location(later)));
    }

    // ---- one-time links --------------------------------------------------------------------------------------

    @Test
    void twentyParallelRequestsForOneOneTimeLinkMakeExactlyOneRedirect() throws Exception {
        LinkRoute offer = route(appRoute("offer", "https://" + app + ".example/offers/{code}").oneTime(true)
                .parameter(RouteParameter.matching("code", "[A-Z]{3}")));
        String link = links.build(offer.name(), "ABC", null, null).path();
        HttpClient alice = alice();
        HttpResponse<String> head = alice.send(HttpRequest.newBuilder(URI.create(root() + link))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("User-Agent", CHROME).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> outlook = get(alice, link, "User-Agent", OUTLOOK);
        HttpResponse<String> safeLinks = get(alice, link, "User-Agent", "Mozilla/5.0 BingPreview/1.0b");

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit((Callable<HttpResponse<String>>) () -> {
                start.await();
                return get(alice, link);
            }));
        }
        start.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> result : results) {
            responses.add(result.get());
        }
        pool.shutdown();
        long redirects = responses.stream().filter(r -> r.statusCode() == 303).count();
        long replayed = responses.stream().filter(r -> r.statusCode() == 410
                && r.body().contains("data-outcome=\"replayed\"")).count();
        assertAll(
                () -> assertEquals(200, head.statusCode(), "HEAD: a harmless answer"),
                () -> assertEquals(200, outlook.statusCode()),
                () -> assertTrue(outlook.body().contains("data-outcome=\"preview\""), outlook.body()),
                () -> assertTrue(outlook.body().contains("Open the link")),
                () -> assertEquals(200, safeLinks.statusCode()),
                () -> assertEquals(1, redirects, "exactly one winner"),
                () -> assertEquals(19, replayed, "19 refusals"),
                () -> assertTrue(responses.stream().filter(r -> r.statusCode() == 303).allMatch(r ->
                        location(r).startsWith("https://" + app + ".example/offers/ABC#portico_token="))));
    }

    @Test
    void aOneTimeLinkIsBoundToItsTicketItsParametersAndItsUser() throws Exception {
        LinkRoute offer = route(appRoute("bound", "https://" + app + ".example/offers/{code}").oneTime(true)
                .parameter(RouteParameter.matching("code", "[A-Z]{3}")));
        String forEddie = links.build(offer.name(), "ABC", "eddie", null).path();
        String forAnyone = links.build(offer.name(), "ABC", null, null).path();
        String ticket = forAnyone.substring(forAnyone.indexOf("_ticket=") + 8);
        HttpClient alice = alice();
        assertAll(
                () -> assertEquals(403, get(alice, forEddie).statusCode(), "another user's ticket"),
                () -> assertEquals(400, get(alice, "/link/" + offer.name() + "/XYZ?_ticket=" + ticket).statusCode(),
                        "the ticket of other parameters"),
                () -> assertEquals(400, get(alice, "/link/" + offer.name() + "/ABC").statusCode(), "no ticket"),
                () -> assertEquals(400, get(alice, "/link/" + offer.name() + "/ABC?_ticket=AAAAAAAAAAAAAAAAAAAAAA")
                        .statusCode(), "a forged ticket"),
                () -> assertEquals(303, get(alice, forAnyone).statusCode()),
                () -> assertEquals(410, get(alice, forAnyone).statusCode()));
    }

    // ---- inbound signed links --------------------------------------------------------------------------------

    private String signed(String appId, String secret, String link, Instant exp, String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(appId).audience(issuer.url()).subject(subject).jwtID("jti-" + System.nanoTime())
                .issueTime(Date.from(exp.minusSeconds(120))).expirationTime(Date.from(exp))
                .claim(InboundLinkVerifier.LINK, link).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void inboundSignedLinksAreVerifiedAcceptedOnceAndOnlyATrustedAppLogsItsUserIn() throws Exception {
        String trusted = "trusted-" + tag;
        apps.create(new AppDraft(trusted, "Trusted " + tag, null, "https://" + trusted + ".example",
                List.of("https://" + trusted + ".example/"), List.of("name"), null, "client_secret", null,
                List.of(), true, true));
        String untrustedSecret = inboundSecrets.generate(app);
        String trustedSecret = inboundSecrets.generate(trusted);
        LinkRoute invoice = route(appRoute("signed", "https://" + app + ".example/invoices/{id}")
                .parameter(RouteParameter.of("id", ParameterType.INT)));
        String link = "/link/" + invoice.name() + "/5";
        Instant soon = clock.instant().plusSeconds(120);
        String good = signed(app, untrustedSecret, link, soon, "alice");
        HttpClient alice = alice();

        HttpResponse<String> accepted = get(alice, link + "?_sig=" + good);
        HttpResponse<String> replayed = get(alice, link + "?_sig=" + good);
        HttpResponse<String> tampered = get(alice, "/link/" + invoice.name() + "/6?_sig=" + good);
        HttpResponse<String> expired = get(alice, link + "?_sig="
                + signed(app, untrustedSecret, link, clock.instant().minusSeconds(60), "alice"));
        HttpResponse<String> wrongKey = get(alice, link + "?_sig="
                + signed(app, trustedSecret, link, soon, "alice"));
        HttpResponse<String> untrustedGuest = get(FormLogin.newClient(), link + "?_sig="
                + signed(app, untrustedSecret, link, soon, "alice"));
        HttpClient guest = FormLogin.newClient();
        HttpResponse<String> signOn = get(guest, link + "?_sig=" + signed(trusted, trustedSecret, link, soon, "alice"));
        HttpResponse<String> unknownUser = get(FormLogin.newClient(), link + "?_sig="
                + signed(trusted, trustedSecret, link, soon, "nobody-" + tag));
        HttpResponse<String> afterSignOn = get(guest, "/link/" + invoice.name() + "/8");
        assertAll(
                () -> assertEquals(303, accepted.statusCode()),
                () -> assertEquals(410, replayed.statusCode()),
                () -> assertTrue(replayed.body().contains("data-outcome=\"replayed\"")),
                () -> assertEquals(400, tampered.statusCode()),
                () -> assertTrue(tampered.body().contains("data-outcome=\"bad_signature\"")),
                () -> assertEquals(410, expired.statusCode()),
                () -> assertTrue(expired.body().contains("data-outcome=\"expired\"")),
                () -> assertEquals(400, wrongKey.statusCode()),
                () -> assertTrue(location(untrustedGuest).contains("/login.xhtml"), "an untrusted app logs nobody in"),
                () -> assertEquals(303, signOn.statusCode(), "the trusted app's user is logged in"),
                () -> assertEquals("alice", verifier.verify(token(location(signOn)), "https://" + app + ".example")
                        .subject()),
                () -> assertTrue(location(unknownUser).contains("/login.xhtml"), "no such local user: log in as usual, got "
                        + unknownUser.statusCode() + " " + location(unknownUser) + " " + unknownUser.body()),
                () -> assertEquals(303, afterSignOn.statusCode(), "the session stays logged in"));
    }

    // ---- minting ---------------------------------------------------------------------------------------------

    @Test
    void siteAdminsAndAppsMintLinksThroughTheApi() throws Exception {
        LinkRoute offer = route(appRoute("minted", "https://" + app + ".example/offers/{code}").oneTime(true)
                .parameter(RouteParameter.matching("code", "[A-Z]{3}")).window(LinkWindow.NEW_TAB));
        String appSecret = apps.regenerateSecret(app).oneTimeSecret().orElseThrow();
        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        String body = "{\"route\":\"" + offer.name() + "\",\"params\":{\"code\":\"XYZ\"},\"username\":\"alice\"}";
        HttpResponse<String> byAdmin = post(ada, "/api/links", body, null);
        HttpResponse<String> byApp = post(FormLogin.newClient(), "/api/links", body, basic(app, appSecret));
        HttpResponse<String> otherApp = post(FormLogin.newClient(), "/api/links",
                "{\"route\":\"invoice\",\"params\":[\"1\"]}", basic(app, appSecret));
        HttpResponse<String> byGuest = post(FormLogin.newClient(), "/api/links", body, null);
        HttpResponse<String> byAlice = post(alice(), "/api/links", body, null);
        HttpResponse<String> badValue = post(ada, "/api/links", "{\"route\":\"" + offer.name()
                + "\",\"params\":[\"xyz\"]}", null);
        HttpResponse<String> tooMany = post(ada, "/api/links", "{\"route\":\"" + offer.name()
                + "\",\"params\":[\"XYZ\",\"ABC\"]}", null);
        HttpResponse<String> malformed = post(ada, "/api/links", "{\"route\":", null);
        HttpResponse<String> notAnObject = post(ada, "/api/links", "[\"" + offer.name() + "\"]", null);
        JsonObject minted = json(byAdmin);
        String path = minted.getString("path");
        assertAll(
                () -> assertEquals(201, byAdmin.statusCode(), byAdmin.body()),
                () -> assertEquals(issuer.url() + path, minted.getString("url")),
                () -> assertTrue(path.startsWith("/link/" + offer.name() + "/XYZ?_ticket="), path),
                () -> assertTrue(minted.getBoolean("oneTime")),
                () -> assertEquals(201, byApp.statusCode(), byApp.body()),
                () -> assertEquals(403, otherApp.statusCode(), otherApp.body()),
                () -> assertEquals(401, byGuest.statusCode()),
                () -> assertEquals(403, byAlice.statusCode()),
                () -> assertEquals(400, badValue.statusCode()),
                () -> assertTrue(json(badValue).getString("detail").contains("'code'")),
                () -> assertEquals(400, tooMany.statusCode(), tooMany.body()),
                () -> assertTrue(json(tooMany).getString("detail").contains("takes 1 parameters"), tooMany.body()),
                () -> assertEquals(400, malformed.statusCode(), malformed.body()),
                () -> assertEquals(400, notAnObject.statusCode(), notAnObject.body()),
                () -> assertEquals(303, get(alice(), path).statusCode(), "alice redeems the link minted for her"));
    }


    private HttpResponse<String> post(HttpClient client, String path, String json, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
