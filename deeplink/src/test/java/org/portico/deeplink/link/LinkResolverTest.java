package org.portico.deeplink.link;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.link.LinkResolution.ConfirmSignOn;
import org.portico.deeplink.link.LinkResolution.NeedsLogin;
import org.portico.deeplink.link.LinkResolution.Preview;
import org.portico.deeplink.link.LinkResolution.Rejected;
import org.portico.deeplink.link.LinkResolution.SignOn;
import org.portico.deeplink.link.LinkResolution.ToApp;
import org.portico.deeplink.link.LinkResolution.ToPage;
import org.portico.deeplink.testing.LinkWorld;
import org.portico.deeplink.testing.TokenWorld;
import org.portico.deeplink.token.UserIdentity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

class LinkResolverTest {

    private static final UserIdentity ALICE = TokenWorld.ALICE;
    private static final UserIdentity BOB = new UserIdentity("bob", "Bob", null, Set.of("end-user"));
    private static final UserIdentity ADA = new UserIdentity("ada", "Ada", null, Set.of("end-user", "site-admin"));
    private static final UserIdentity EDDIE = new UserIdentity("eddie", "Eddie", null, Set.of("content-editor"));
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-billing".getBytes();

    private final LinkWorld world = new LinkWorld();

    private LinkResolution follow(String path, String query, UserIdentity user) {
        return world.resolver.follow(LinkRequest.parse(path, query), user);
    }

    private Rejected rejected(String path, String query, UserIdentity user) {
        return assertInstanceOf(Rejected.class, follow(path, query, user));
    }

    @Test
    void aLoggedInUserIsSentIntoTheAppWithASignedTokenInTheFragment() {
        ToApp hop = assertInstanceOf(ToApp.class, follow("/link/invoice/0042", "tab=items", ALICE));
        var verified = world.verifier.verify(hop.target().getRawFragment().substring("portico_token=".length()),
                "https://billing.example");
        assertAll(
                () -> assertEquals(Optional.of(LinkOutcome.OK), hop.findOutcome()),
                () -> assertEquals(Optional.of("billing"), hop.appId()),
                () -> assertTrue(hop.target().toString().startsWith("https://billing.example/invoices/42?tab=items#portico_token=ey")),
                () -> assertEquals(Map.of("id", "42", "tab", "items"), verified.params()),
                () -> assertEquals(hop.token().jwtId(), verified.jwtId()));
    }

    @Test
    void aRouteMayPutTheTokenInTheQueryBeforeTheTemplatesFragment() {
        ToApp hop = assertInstanceOf(ToApp.class, follow("/link/search", "q=a%26b", ALICE));
        assertAll(
                () -> assertTrue(hop.target().getRawQuery().startsWith("q=a%26b&portico_token=ey")),
                () -> assertEquals("results", hop.target().getRawFragment()));
    }

    @Test
    void aGuestNeedsToLogInUnlessTheRouteIsOpenToGuestsAndThenGoesWithoutAToken() {
        ToApp guest = assertInstanceOf(ToApp.class, follow("/link/welcome", null, null));
        ToPage page = assertInstanceOf(ToPage.class, follow("/link/news/hello%20world", null, null));
        NeedsLogin login = assertInstanceOf(NeedsLogin.class, follow("/link/invoice/42", null, null));
        assertAll(
                () -> assertEquals("https://billing.example/welcome", guest.target().toString()),
                () -> assertNull(guest.token()),
                () -> assertEquals("/pages/hello%20world", page.path()),
                () -> assertEquals(Optional.empty(), login.findOutcome(), "not resolved yet"));
    }

    @Test
    void aRouteIsOpenFromValidFromUntilJustBeforeValidUntil() {
        java.time.Instant now = world.clock.instant();
        world.add(LinkRoute.builder("from-now").validFrom(now).target(new RouteTarget.PortalPage("/home.xhtml")).build());
        world.add(LinkRoute.builder("until-soon").validUntil(now.plusNanos(1))
                .target(new RouteTarget.PortalPage("/home.xhtml")).build());
        world.add(LinkRoute.builder("open-ended").validFrom(now.minusSeconds(1))
                .target(new RouteTarget.PortalPage("/home.xhtml")).build());
        assertAll(
                () -> assertInstanceOf(ToPage.class, follow("/link/from-now", null, ALICE), "valid from is inclusive"),
                () -> assertInstanceOf(ToPage.class, follow("/link/until-soon", null, ALICE), "open until just before"),
                () -> assertInstanceOf(ToPage.class, follow("/link/open-ended", null, ALICE)));
    }

    @Test
    void everyRejectionHasItsOutcomeAndAMessageForPeople() {
        world.add(world.routes.get("invoice").toBuilder().enabled(false).build());
        world.add(LinkRoute.builder("later").validFrom(world.clock.instant().plusSeconds(60))
                .target(new RouteTarget.PortalPage("/home.xhtml")).build());
        world.add(LinkRoute.builder("over").validUntil(world.clock.instant())
                .target(new RouteTarget.PortalPage("/home.xhtml")).build());
        world.add(LinkRoute.builder("admins").roles("site-admin").target(new RouteTarget.PortalPage("/admin")).build());
        world.add(LinkRoute.builder("gone").target(new RouteTarget.AppUrl("nowhere", "https://nowhere.example/")).build());
        world.add(LinkRoute.builder("outside").target(new RouteTarget.AppUrl("billing", "https://billing.example.evil/x")).build());
        assertAll(
                () -> assertEquals(LinkOutcome.UNKNOWN_ROUTE, rejected("/link/nope", null, ALICE).outcome()),
                () -> assertEquals(LinkOutcome.DENIED, rejected("/link/invoice/42", null, ALICE).outcome()),
                () -> assertEquals(LinkOutcome.DENIED, rejected("/link/later", null, ALICE).outcome()),
                () -> assertEquals(LinkOutcome.EXPIRED, rejected("/link/over", null, ALICE).outcome()),
                () -> assertEquals(LinkOutcome.DENIED, rejected("/link/admins", null, EDDIE).outcome()),
                () -> assertEquals(LinkOutcome.DENIED, rejected("/link/gone", null, ALICE).outcome()),
                () -> assertEquals(LinkOutcome.INVALID_PARAMETER, rejected("/link/outside", null, ALICE).outcome()),
                () -> assertEquals(LinkOutcome.INVALID_PARAMETER, rejected("/link/search", "q=x&q=y", ALICE).outcome()),
                () -> assertEquals("This link is incomplete or was altered: parameter 'q' is given more than once.",
                        rejected("/link/search", "q=x&q=y", ALICE).message()),
                () -> assertEquals(LinkMessage.of("deeplink.link.invalid", LinkMessage.of("deeplink.parameter", "q",
                        LinkMessage.of("deeplink.parameter.given-twice"))), rejected("/link/search", "q=x&q=y", ALICE).text(),
                        "a message key with its parameters, for the application to say in the person's language"),
                () -> assertEquals(LinkText.UNKNOWN_ROUTE.key(), rejected("/link/nope", null, ALICE).text().key()),
                () -> assertFalse(rejected("/link/news/%0d%0aevil", null, ALICE).message().contains("evil")));
    }

    @Test
    void aWrongRoleIsDeniedOnlyForTheRouteThatNeedsIt() {
        assertEquals(LinkOutcome.DENIED, rejected("/link/invoice/42", null, EDDIE).outcome());
        assertInstanceOf(ToApp.class, follow("/link/invoice/42", null, ALICE));
    }

    @Test
    void aOneTimeLinkWorksOnceAndOnlyForItsTicket() {
        String id = "123e4567-e89b-12d3-a456-426614174000";
        String ticket = world.tickets.mint("reset", Map.of("id", id), null, world.clock.instant().plusSeconds(600));
        String other = world.tickets.mint("reset", Map.of("id", id), "bob", world.clock.instant().plusSeconds(600));
        String expiring = world.tickets.mint("reset", Map.of("id", id), null, world.clock.instant().plusSeconds(5));
        String path = "/link/reset/" + id.toUpperCase();
        assertAll(
                () -> assertEquals(LinkOutcome.INVALID_PARAMETER, rejected(path, null, ALICE).outcome()),
                () -> assertInstanceOf(Preview.class, world.resolver.preview(LinkRequest.parse(path, "_ticket=" + ticket), ALICE)),
                () -> assertInstanceOf(ToApp.class, follow(path, "_ticket=" + ticket, ALICE), "preview consumed nothing"),
                () -> assertEquals(LinkOutcome.REPLAYED, rejected(path, "_ticket=" + ticket, ALICE).outcome()),
                () -> assertEquals(LinkOutcome.DENIED, rejected(path, "_ticket=" + other, ALICE).outcome()),
                () -> assertEquals(LinkOutcome.BAD_SIGNATURE, rejected("/link/reset/123e4567-e89b-12d3-a456-426614174001",
                        "_ticket=" + other, ALICE).outcome(), "ticket of other parameters"),
                () -> assertEquals(LinkOutcome.BAD_SIGNATURE, rejected(path, "_ticket=AAAAAAAAAAAAAAAAAAAAAA", ALICE).outcome()),
                () -> assertEquals(LinkOutcome.BAD_SIGNATURE, rejected(path, "_ticket=%3Cx%3E", ALICE).outcome()));
        world.clock.advance(Duration.ofSeconds(5));
        assertEquals(LinkOutcome.EXPIRED, rejected(path, "_ticket=" + expiring, ALICE).outcome());
    }

    @Test
    void aPreviewChecksEverythingButIssuesNothing() {
        Preview preview = assertInstanceOf(Preview.class, world.resolver.preview(LinkRequest.parse("/link/invoice/42", null), ALICE));
        assertAll(
                () -> assertSame(world.tokens.billing, preview.app()),
                () -> assertEquals(Optional.empty(), preview.findOutcome()),
                () -> assertEquals(LinkOutcome.INVALID_PARAMETER, assertInstanceOf(Rejected.class,
                        world.resolver.preview(LinkRequest.parse("/link/invoice/x", null), ALICE)).outcome()));
    }

    private String signed(String appId, String link, Instant exp) throws Exception {
        return signed(appId, link, exp, "alice");
    }

    private String signed(String appId, String link, Instant exp, String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(appId).audience(TokenWorld.ISSUER).subject(subject).jwtID("j-" + System.nanoTime())
                .issueTime(Date.from(world.clock.instant())).expirationTime(Date.from(exp))
                .claim(InboundLinkVerifier.LINK, link).build());
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    /** Registers the app "trusted", trusted for sign-on with these sign-on roles, and alice, bob and ada as its users. */
    private void trustedApp(Set<String> signOnRoles) {
        world.inboundSecrets.put("trusted", SECRET);
        world.tokens.register(AppRegistration.builder("trusted").name("Trusted").baseUrl("https://trusted.example")
                .audience("https://trusted.example").trustedForSignOn(true).signOnRoles(signOnRoles)
                .clientAuthentication(world.tokens.billing.clientAuthentication()).build());
        world.signOnUsers.put("alice", ALICE);
        world.signOnUsers.put("bob", BOB);
        world.signOnUsers.put("ada", ADA);
    }

    private String byTrusted(String link, String subject) throws Exception {
        return "_sig=" + signed("trusted", link, world.clock.instant().plusSeconds(60), subject);
    }

    @Test
    void anInboundSignedLinkIsAcceptedOnceAndATrustedAppMayLogItsUserIn() throws Exception {
        world.inboundSecrets.put("billing", SECRET);
        trustedApp(AppRegistration.DEFAULT_SIGN_ON_ROLES);
        Instant exp = world.clock.instant().plusSeconds(60);
        String byBilling = signed("billing", "/link/invoice/42", exp);
        String byTrusted = signed("trusted", "/link/invoice/42", exp);
        NeedsLogin untrusted = assertInstanceOf(NeedsLogin.class, follow("/link/invoice/42", "_sig=" + byBilling, null));
        SignOn signOn = assertInstanceOf(SignOn.class, follow("/link/invoice/42", "_sig=" + byTrusted, null));
        ToApp then = assertInstanceOf(ToApp.class, signOn.then());
        assertAll(
                () -> assertEquals(Optional.empty(), untrusted.findOutcome(), "billing may not log users in"),
                () -> assertEquals("alice", signOn.user().username()),
                () -> assertEquals("alice", signOn.link().subject()),
                () -> assertEquals(Optional.of(LinkOutcome.OK), signOn.findOutcome()),
                () -> assertEquals("alice", world.verifier.verify(then.token().value(), "https://billing.example")
                        .subject(), "the token is the signed-on user's"),
                () -> assertEquals(LinkOutcome.REPLAYED, rejected("/link/invoice/42", "_sig=" + byTrusted, null)
                        .outcome(), "a replay from a fresh browser signs nobody in"),
                () -> assertInstanceOf(ToApp.class, follow("/link/invoice/42", "_sig=" + byBilling, ALICE)),
                () -> assertEquals(LinkOutcome.REPLAYED, rejected("/link/invoice/42", "_sig=" + byBilling, ALICE).outcome()),
                () -> assertEquals(LinkOutcome.BAD_SIGNATURE, rejected("/link/invoice/43", "_sig=" + byTrusted, ALICE).outcome()));
        world.clock.advance(Duration.ofSeconds(91));
        assertEquals(LinkOutcome.EXPIRED, rejected("/link/invoice/42", "_sig=" + byTrusted, ALICE).outcome());
    }

    /**
     * Issue 8, item 1: a guest's sign-on link used to come back as NeedsLogin before its jti, roles, target and ticket
     * were checked, so the servlet logged the user in and only then found the link refused. Now every refusal comes
     * back before anything says "sign on", and the jti is consumed only by a link that works.
     */
    @Test
    void aSignOnLinkIsDecidedInFullAsItsUserBeforeAnybodyIsSignedIn() throws Exception {
        trustedApp(AppRegistration.DEFAULT_SIGN_ON_ROLES);
        world.add(LinkRoute.builder("admins").roles("site-admin").target(new RouteTarget.PortalPage("/admin")).build());
        world.add(LinkRoute.builder("outside").target(new RouteTarget.AppUrl("billing", "https://billing.example.evil/x")).build());
        String id = "123e4567-e89b-12d3-a456-426614174000";
        String path = "/link/reset/" + id;
        String forBob = world.tickets.mint("reset", Map.of("id", id), "bob", world.clock.instant().plusSeconds(600));
        String roles = byTrusted("/link/admins", "alice");
        String target = byTrusted("/link/outside", "alice");
        String noTicket = byTrusted(path, "alice");
        String ticket = byTrusted(path + "?_ticket=" + forBob, "alice");
        String works = byTrusted("/link/news/x", "alice");
        assertAll(
                () -> assertEquals(LinkOutcome.DENIED, rejected("/link/admins", roles, null).outcome()),
                () -> assertEquals(LinkOutcome.INVALID_PARAMETER, rejected("/link/outside", target, null).outcome()),
                () -> assertEquals(LinkOutcome.INVALID_PARAMETER, rejected(path, noTicket, null).outcome()),
                () -> assertEquals(LinkOutcome.DENIED, rejected(path, "_ticket=" + forBob + "&" + ticket, null)
                        .outcome(), "bob's ticket in alice's link"),
                () -> assertInstanceOf(Preview.class, world.resolver.preview(LinkRequest.parse("/link/news/x", works),
                        null), "a public route: no sign-on needed, nothing consumed"));
        // The ticket was not redeemed by the refusal for alice: bob's own sign-on link still redeems it.
        SignOn bob = assertInstanceOf(SignOn.class, follow(path, "_ticket=" + forBob + "&"
                + byTrusted(path + "?_ticket=" + forBob, "bob"), null));
        assertEquals("bob", bob.user().username());
    }

    @Test
    void aSignOnLinkThatWorksIsConsumedOnlyWhenFollowedNotWhenPreviewed() throws Exception {
        trustedApp(AppRegistration.DEFAULT_SIGN_ON_ROLES);
        String sig = byTrusted("/link/invoice/42", "alice");
        LinkRequest link = LinkRequest.parse("/link/invoice/42", sig);
        assertAll(
                () -> assertInstanceOf(Preview.class, world.resolver.preview(link, null)),
                () -> assertInstanceOf(SignOn.class, world.resolver.follow(link, null), "the preview consumed nothing"),
                () -> assertEquals(LinkOutcome.REPLAYED, assertInstanceOf(Rejected.class,
                        world.resolver.follow(link, null)).outcome()));
    }

    @Test
    void aSignOnLinkForSomeoneUnknownSignsNobodyInAndAsksForALogin() throws Exception {
        trustedApp(AppRegistration.DEFAULT_SIGN_ON_ROLES);
        assertInstanceOf(NeedsLogin.class, follow("/link/invoice/42", byTrusted("/link/invoice/42", "mallory"), null));
    }

    /** Issue 8, item 2: a sign-on link for alice in bob's browser must not switch bob to alice silently. */
    @Test
    void aSignOnLinkForAnotherUserAsksFirstAndSwitchesOnlyWhenConfirmed() throws Exception {
        trustedApp(AppRegistration.DEFAULT_SIGN_ON_ROLES);
        world.add(LinkRoute.builder("admins").roles("site-admin").target(new RouteTarget.PortalPage("/admin")).build());
        LinkRequest link = LinkRequest.parse("/link/invoice/42", byTrusted("/link/invoice/42", "alice"));
        ConfirmSignOn ask = assertInstanceOf(ConfirmSignOn.class, world.resolver.follow(link, BOB));
        ConfirmSignOn askAgain = assertInstanceOf(ConfirmSignOn.class, world.resolver.follow(link, BOB));
        SignOn switched = assertInstanceOf(SignOn.class, world.resolver.followSwitching(link, BOB));
        assertAll(
                () -> assertEquals("alice", ask.user().username()),
                () -> assertEquals(Optional.empty(), ask.findOutcome(), "not resolved yet"),
                () -> assertEquals("alice", askAgain.user().username(), "asking consumed nothing"),
                () -> assertEquals("alice", switched.user().username()),
                () -> assertEquals(LinkOutcome.REPLAYED, assertInstanceOf(Rejected.class,
                        world.resolver.followSwitching(link, BOB)).outcome()),
                () -> assertInstanceOf(ToApp.class, follow("/link/invoice/43", byTrusted("/link/invoice/43", "alice"),
                        ALICE), "the link's own user just follows it"),
                () -> assertEquals(LinkOutcome.DENIED, rejected("/link/admins", byTrusted("/link/admins", "alice"),
                        BOB).outcome(), "a link alice could not open is refused, not offered"));
    }

    /** Issue 8, item 3: a trusted app signs in only users whose every role is among its sign-on roles. */
    @Test
    void aSiteAdminIsSignedInOnlyByAnAppWhoseSignOnRolesNameTheRole() throws Exception {
        trustedApp(AppRegistration.DEFAULT_SIGN_ON_ROLES);
        Rejected byDefault = rejected("/link/invoice/42", byTrusted("/link/invoice/42", "ada"), null);
        Rejected whileBob = rejected("/link/invoice/42", byTrusted("/link/invoice/42", "ada"), BOB);
        trustedApp(Set.of("end-user", "site-admin"));
        SignOn allowed = assertInstanceOf(SignOn.class, follow("/link/invoice/42", byTrusted("/link/invoice/42", "ada"),
                null));
        trustedApp(Set.of("site-admin"));
        assertAll(
                () -> assertEquals(LinkOutcome.DENIED, byDefault.outcome()),
                () -> assertTrue(byDefault.message().contains("may not sign in"), byDefault.message()),
                () -> assertEquals(LinkOutcome.DENIED, whileBob.outcome()),
                () -> assertEquals(Set.of("end-user", "site-admin"), allowed.user().roles()),
                () -> assertEquals(LinkOutcome.DENIED, rejected("/link/invoice/42", byTrusted("/link/invoice/42",
                        "alice"), null).outcome(), "every role of the user must be allowed: end-user is not"));
    }
    }
