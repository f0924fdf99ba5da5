package org.portico.deeplink.link;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.link.InboundLinkVerifier.InboundLinkRejectedException;
import org.portico.deeplink.link.LinkResolution.ConfirmSignOn;
import org.portico.deeplink.link.LinkResolution.NeedsLogin;
import org.portico.deeplink.link.LinkResolution.Preview;
import org.portico.deeplink.link.LinkResolution.Rejected;
import org.portico.deeplink.link.LinkResolution.SignOn;
import org.portico.deeplink.link.LinkResolution.ToApp;
import org.portico.deeplink.link.LinkResolution.ToPage;
import org.portico.deeplink.link.LinkTargets.TargetRefusedException;
import org.portico.deeplink.token.ReplayGuard;
import org.portico.deeplink.token.UserIdentity;

/**
 * Decides what following a link means, as a ladder of guard clauses, cheapest first and nothing consumed before
 * everything else has been checked:
 * <ol>
 *   <li>the route exists ({@code UNKNOWN_ROUTE}), is enabled and inside its validity window ({@code DENIED},
 *   {@code EXPIRED});</li>
 *   <li>the request binds to its parameters ({@code INVALID_PARAMETER}, see {@link LinkBinder});</li>
 *   <li>an inbound signature, if any, verifies ({@code BAD_SIGNATURE}, {@code EXPIRED});</li>
 *   <li>sign-on: the route needs a login, the signature is from an app trusted for sign-on and names someone other
 *   than the logged-in user (or there is none). The named user is looked up ({@link SignOnUsers}); when there is no
 *   such user the link signs nobody in and the ladder goes on as if it were not a sign-on. Otherwise every role of
 *   that user must be among the app's sign-on roles ({@code DENIED}, see {@link AppRegistration#maySignIn}), and from
 *   here on the link is decided <em>as the named user</em>. With another user logged in, the rest is only checked
 *   (as for a preview) and the answer is {@link ConfirmSignOn} (or the rejection) — unless the person already
 *   confirmed ({@link #followSwitching}). A link that passes every step below is wrapped in {@link SignOn}: the caller
 *   logs the user in only then, so a refused link never leaves a logged-in session;</li>
 *   <li>a login is needed and nobody is logged in: {@link NeedsLogin} (not yet an outcome);</li>
 *   <li>the user has one of the route's roles, the target app is registered and enabled ({@code DENIED});</li>
 *   <li>the target expands to an allowed address ({@code INVALID_PARAMETER}, see {@link LinkTargets});</li>
 *   <li>a one-time route's link carries a ticket ({@code INVALID_PARAMETER});</li>
 *   <li>for a HEAD request or a link prefetcher: {@link Preview} — nothing below happens;</li>
 *   <li>the inbound signature's {@code jti} is used for the first time ({@code REPLAYED});</li>
 *   <li>the one-time ticket is redeemed, by the database ({@code REPLAYED}, {@code EXPIRED}, {@code DENIED},
 *   {@code BAD_SIGNATURE});</li>
 *   <li>a logged-in (or signed-on) user going into an app gets a signed link token: {@link ToApp}; a guest goes
 *   without one; a Portico page is {@link ToPage}.</li>
 * </ol>
 * Every message in a {@link Rejected} is fit to show to the person who followed the link: it says what happened and
 * names a parameter at most, never a value, a key or an internal reason. It is a {@link LinkText} with its
 * parameters, which the application says in the person's language.
 *
 * <p>Thread-safe; create one and share it.
 */
public final class LinkResolver {

    private final LinkRoutes routes;
    private final AppDirectory apps;
    private final LinkTokenIssuer tokens;
    private final OneTimeTickets tickets;
    private final InboundLinkVerifier inbound;
    private final ReplayGuard inboundReplays;
    private final SignOnUsers signOnUsers;
    private final Clock clock;

    /** How far a request goes: a person following it, a preview, or a person who confirmed switching users. */
    private enum Mode { FOLLOW, PREVIEW, SWITCH }

    /**
     * @param routes         where routes are found
     * @param apps           enabled registered apps
     * @param tokens         issues link tokens
     * @param tickets        one-time tickets (the database)
     * @param inbound        verifies apps' signatures on inbound links
     * @param inboundReplays remembers inbound {@code jti}s (shared across nodes; the first use must win atomically)
     * @param signOnUsers    finds the users that links from apps trusted for sign-on name
     * @param clock          the time source
     */
    public LinkResolver(LinkRoutes routes, AppDirectory apps, LinkTokenIssuer tokens, OneTimeTickets tickets,
                        InboundLinkVerifier inbound, ReplayGuard inboundReplays, SignOnUsers signOnUsers,
                        Clock clock) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.inboundReplays = Objects.requireNonNull(inboundReplays, "inboundReplays");
        this.signOnUsers = Objects.requireNonNull(signOnUsers, "signOnUsers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Resolves a link for a person's browser: consumes one-time tickets and inbound {@code jti}s, issues tokens.
     *
     * @param user the logged-in user, or null for a guest
     */
    public LinkResolution follow(LinkRequest request, UserIdentity user) {
        return resolve(request, user, Mode.FOLLOW);
    }

    /**
     * Resolves a link like {@link #follow}, for a person who was shown {@link ConfirmSignOn} and chose to continue as
     * the link's user: a sign-on link for another user than {@code user} resolves to {@link SignOn} instead of asking
     * again. Everything is decided anew; nothing from the confirmation is trusted.
     *
     * @param user the logged-in user, or null for a guest
     */
    public LinkResolution followSwitching(LinkRequest request, UserIdentity user) {
        return resolve(request, user, Mode.SWITCH);
    }

    /**
     * Checks a link for a HEAD request or a link prefetcher: the same checks, but nothing is consumed and no token
     * is issued; a link that would work answers {@link Preview}.
     */
    public LinkResolution preview(LinkRequest request, UserIdentity user) {
        return resolve(request, user, Mode.PREVIEW);
    }

    /**
     * The ladder (see the class comment): each rung is a method named after what it checks, which either returns what
     * the next rungs need or refuses the link by throwing {@link Refused}; the one place that turns a refusal into
     * its {@link Rejected} value is here.
     */
    private LinkResolution resolve(LinkRequest request, UserIdentity user, Mode mode) {
        Instant now = clock.instant();
        try {
            LinkRoute route = existingRoute(request);
            requireOpen(route, now);
            BoundLink bound = bind(route, request);
            InboundLink signedBy = verifiedSignature(route, bound, request);
            Optional<UserIdentity> named = signOnUser(route, signedBy, user);
            if (named.isPresent()) {
                return signOn(route, bound, signedBy, named.get(), user, mode, now);
            }
            if (user == null && !route.guestsAllowed()) {
                return new NeedsLogin(route);
            }
            return decide(route, bound, signedBy, user, mode == Mode.PREVIEW, now);
        } catch (Refused refused) {
            return refused.rejected;
        }
    }

    /** The sign-on step of the ladder: everything below it, decided as the user the link names. */
    private LinkResolution signOn(LinkRoute route, BoundLink bound, InboundLink signedBy, UserIdentity named,
                                  UserIdentity current, Mode mode, Instant now) {
        requireAppMaySignIn(route, signedBy, named);
        if (current != null && mode == Mode.FOLLOW) {
            decide(route, bound, signedBy, named, true, now);
            return new ConfirmSignOn(route, signedBy, named);
        }
        LinkResolution decided = decide(route, bound, signedBy, named, mode == Mode.PREVIEW, now);
        return decided instanceof Preview ? decided : new SignOn(signedBy, named, decided);
    }

    /**
     * The ladder from the route's roles on, for this user (null: a guest on a route open to guests): a
     * {@link Preview}, {@link ToApp} or {@link ToPage}, or {@link Refused}.
     */
    private LinkResolution decide(LinkRoute route, BoundLink bound, InboundLink signedBy, UserIdentity user,
                                  boolean preview, Instant now) {
        requireRole(route, user);
        Target target = target(route, bound);
        requireTicket(route, bound);
        if (preview) {
            return new Preview(route, target.app());
        }
        requireFirstUse(route, signedBy);
        if (route.oneTime()) {
            redeemTicket(route, bound, user, now);
        }
        if (target.app() == null) {
            return new ToPage(route, target.pagePath());
        }
        if (user == null) {
            return new ToApp(route, target.app(), target.appUrl(), null);
        }
        LinkToken token = tokens.issue(user, target.app(), route, bound.params());
        return new ToApp(route, target.app(), LinkTargets.withToken(target.appUrl(), route.tokenPlacement(),
                token.value()), token);
    }

    // ---- the rungs ---------------------------------------------------------------------------------------------

    private LinkRoute existingRoute(LinkRequest request) {
        return routes.find(request.route()).orElseThrow(() -> refuse(LinkOutcome.UNKNOWN_ROUTE,
                LinkText.UNKNOWN_ROUTE, null));
    }

    /** The route is switched on and inside its validity window. */
    private static void requireOpen(LinkRoute route, Instant now) {
        if (!route.enabled()) {
            throw refuse(LinkOutcome.DENIED, LinkText.SWITCHED_OFF, route);
        }
        if (route.validFrom() != null && now.isBefore(route.validFrom())) {
            throw refuse(LinkOutcome.DENIED, LinkText.NOT_YET_VALID, route);
        }
        if (route.validUntil() != null && !now.isBefore(route.validUntil())) {
            throw refuse(LinkOutcome.EXPIRED, LinkText.NO_LONGER_VALID, route);
        }
    }

    private static BoundLink bind(LinkRoute route, LinkRequest request) {
        try {
            return LinkBinder.bind(route, request);
        } catch (InvalidParameterException e) {
            throw invalid(route, e);
        }
    }

    /** The inbound signature, verified; null for a link without one. */
    private InboundLink verifiedSignature(LinkRoute route, BoundLink bound, LinkRequest request) {
        if (bound.signature() == null) {
            return null;
        }
        try {
            return inbound.verify(bound.signature(), request.signedContent());
        } catch (InboundLinkRejectedException e) {
            throw refuse(e.outcome(), e.outcome() == LinkOutcome.EXPIRED ? LinkText.SIGNATURE_EXPIRED
                    : LinkText.SIGNATURE_INVALID, route);
        }
    }

    /**
     * The user a sign-on link signs in: the route needs a login, the link is signed by an app trusted for sign-on and
     * names someone other than the logged-in user (or there is none), and that user exists. Empty otherwise: the
     * ladder goes on as if the link were not a sign-on.
     */
    private Optional<UserIdentity> signOnUser(LinkRoute route, InboundLink signedBy, UserIdentity user) {
        if (route.guestsAllowed() || signedBy == null || !signedBy.mayLogIn()
                || user != null && user.username().equals(signedBy.subject())) {
            return Optional.empty();
        }
        return signOnUsers.find(signedBy);
    }

    private static void requireAppMaySignIn(LinkRoute route, InboundLink signedBy, UserIdentity named) {
        if (!signedBy.app().maySignIn(named.roles())) {
            throw refuse(LinkOutcome.DENIED, LinkText.SIGN_ON_NOT_ALLOWED, route);
        }
    }

    private static void requireRole(LinkRoute route, UserIdentity user) {
        if (!route.roles().isEmpty() && (user == null || Collections.disjoint(route.roles(), user.roles()))) {
            throw refuse(LinkOutcome.DENIED, LinkText.ROLE_MISSING, route);
        }
    }

    /**
     * Where the link leads, checked: into an app (registered and enabled; {@code app} and {@code appUrl}) or to a
     * Portico page ({@code pagePath}).
     */
    private record Target(AppRegistration app, URI appUrl, String pagePath) {
    }

    private Target target(LinkRoute route, BoundLink bound) {
        try {
            if (route.target() instanceof RouteTarget.AppUrl appUrl) {
                AppRegistration app = apps.findById(appUrl.appId()).orElseThrow(() -> refuse(LinkOutcome.DENIED,
                        LinkText.APP_UNAVAILABLE, route));
                return new Target(app, LinkTargets.appTarget(app, appUrl, bound.params()), null);
            }
            return new Target(null, null,
                    LinkTargets.pageTarget((RouteTarget.PortalPage) route.target(), bound.params()));
        } catch (InvalidParameterException e) {
            throw invalid(route, e);
        } catch (TargetRefusedException e) {
            throw refuse(LinkOutcome.INVALID_PARAMETER, LinkText.TARGET_REFUSED, route);
        }
    }

    /** A one-time route's link carries a ticket (it is redeemed last, see {@link #redeemTicket}). */
    private static void requireTicket(LinkRoute route, BoundLink bound) {
        if (route.oneTime() && (bound.ticket() == null || bound.ticket().isEmpty())) {
            throw refuse(LinkOutcome.INVALID_PARAMETER, LinkText.TICKET_MISSING, route);
        }
    }

    /** The inbound signature's {@code jti} is used for the first time (consumes it). */
    private void requireFirstUse(LinkRoute route, InboundLink signedBy) {
        if (signedBy != null && !inboundReplays.firstUse("inbound-link:" + signedBy.app().id() + ":"
                + signedBy.jwtId(), signedBy.expiresAt().plus(InboundLinkVerifier.SKEW))) {
            throw refuse(LinkOutcome.REPLAYED, LinkText.SIGNATURE_REPLAYED, route);
        }
    }

    /** The one-time ticket is redeemed, by the database (consumes it). */
    private void redeemTicket(LinkRoute route, BoundLink bound, UserIdentity user, Instant now) {
        OneTimeTickets.Redemption redemption = OneTimeTickets.TICKET_ID.matcher(bound.ticket()).matches()
                ? tickets.redeem(bound.ticket(), route.name(), bound.params(), user == null ? null : user.username(), now)
                : OneTimeTickets.Redemption.UNKNOWN;
        LinkText message = switch (redemption) {
            case REDEEMED -> null;
            case UNKNOWN, OTHER_LINK -> LinkText.TICKET_INVALID;
            case OTHER_USER -> LinkText.TICKET_OTHER_USER;
            case USED -> LinkText.TICKET_USED;
            case EXPIRED -> LinkText.TICKET_EXPIRED;
        };
        if (message != null) {
            throw refuse(redemption.failure(), message, route);
        }
    }

    private static Refused invalid(LinkRoute route, InvalidParameterException e) {
        return new Refused(new Rejected(LinkOutcome.INVALID_PARAMETER, LinkText.INVALID.with(e.text()), route));
    }

    private static Refused refuse(LinkOutcome outcome, LinkText text, LinkRoute route) {
        return new Refused(new Rejected(outcome, text.with(), route));
    }

    /**
     * A rung refused the link. Private to the ladder and never seen outside it ({@link #resolve} turns it into its
     * {@link Rejected}); without a stack trace, since it is an answer, not a failure.
     */
    private static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Rejected rejected;

        Refused(Rejected rejected) {
            super(rejected.outcome().code(), null, false, false);
            this.rejected = rejected;
        }
    }
}
