package org.portico.deeplink.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.link.InboundLinkVerifier;
import org.portico.deeplink.link.LinkResolver;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkTokenIssuer;
import org.portico.deeplink.link.LinkTokenVerifier;
import org.portico.deeplink.link.OneTimeTickets;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteTarget;

/**
 * A {@link TokenWorld} with link routes in a map, one-time tickets in memory (atomic like the database's conditional
 * update), inbound-link secrets and the users sign-on links may name in maps, and a resolver wired as portal-web wires
 * it.
 */
public final class LinkWorld {

    public final TokenWorld tokens = new TokenWorld();
    public final MutableClock clock = tokens.clock;
    public final Map<String, LinkRoute> routes = new ConcurrentHashMap<>();
    public final Map<String, byte[]> inboundSecrets = new ConcurrentHashMap<>();
    /** The users links from apps trusted for sign-on may name, by username, with the roles a login grants. */
    public final Map<String, org.portico.deeplink.token.UserIdentity> signOnUsers = new ConcurrentHashMap<>();
    public final MemoryTickets tickets = new MemoryTickets();
    public final LinkTokenIssuer issuer = new LinkTokenIssuer(tokens.keys, TokenWorld.ISSUER, clock);
    public final LinkTokenVerifier verifier = new LinkTokenVerifier(tokens.keys, TokenWorld.ISSUER, clock);
    public final InboundLinkVerifier inbound;
    public final LinkResolver resolver;

    public LinkWorld() {
        this(app -> {
            throw new IllegalStateException("no JWKS in this world");
        });
    }

    public LinkWorld(org.portico.deeplink.oauth.ClientJwkSources jwks) {
        inbound = new InboundLinkVerifier(tokens, jwks, id -> Optional.ofNullable(inboundSecrets.get(id)),
                TokenWorld.ISSUER, clock);
        resolver = new LinkResolver(name -> Optional.ofNullable(routes.get(name)), tokens, issuer, tickets, inbound,
                tokens.replayGuard, link -> Optional.ofNullable(signOnUsers.get(link.subject())), clock);
        add(LinkRoute.builder("invoice").description("An invoice in Billing")
                .parameter(RouteParameter.of("id", ParameterType.INT))
                .parameter(RouteParameter.oneOf("tab", java.util.List.of("items", "payments")).optional())
                .target(new RouteTarget.AppUrl("billing", "https://billing.example/invoices/{id}?tab={tab}"))
                .roles("end-user").claims(UserClaim.NAME, UserClaim.EMAIL)
                .build());
        add(LinkRoute.builder("search").parameter(RouteParameter.of("q", ParameterType.STRING))
                .target(new RouteTarget.AppUrl("billing", "https://billing.example/search?q={q}#results"))
                .tokenPlacement(org.portico.deeplink.link.TokenPlacement.QUERY).build());
        add(LinkRoute.builder("welcome").guestsAllowed(true)
                .target(new RouteTarget.AppUrl("billing", "https://billing.example/welcome")).build());
        add(LinkRoute.builder("news").guestsAllowed(true).parameter(RouteParameter.of("slug", ParameterType.STRING))
                .target(new RouteTarget.PortalPage("/pages/{slug}")).build());
        add(LinkRoute.builder("reset").oneTime(true).parameter(RouteParameter.of("id", ParameterType.UUID))
                .target(new RouteTarget.AppUrl("billing", "https://billing.example/reset/{id}"))
                .tokenLifetime(Duration.ofSeconds(30)).build());
    }

    public LinkRoute add(LinkRoute route) {
        routes.put(route.name(), route);
        return route;
    }

    /** Tickets in memory: minted with a route, parameters, optional user and expiry; redeemed at most once. */
    public static final class MemoryTickets implements OneTimeTickets {
        private record Ticket(String route, Map<String, String> params, String user, Instant expiresAt) {
        }

        private final Map<String, Ticket> minted = new ConcurrentHashMap<>();
        private final Map<String, Instant> consumed = new ConcurrentHashMap<>();

        public String mint(String route, Map<String, String> params, String user, Instant expiresAt) {
            byte[] random = new byte[16];
            new java.security.SecureRandom().nextBytes(random);
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            minted.put(id, new Ticket(route, Map.copyOf(params), user, expiresAt));
            return id;
        }

        @Override
        public Redemption redeem(String ticket, String route, Map<String, String> params, String username,
                                 Instant now) {
            Ticket t = minted.get(ticket);
            if (t == null) {
                return Redemption.UNKNOWN;
            }
            if (!t.route().equals(route) || !t.params().equals(params)) {
                return Redemption.OTHER_LINK;
            }
            if (t.user() != null && !t.user().equals(username)) {
                return Redemption.OTHER_USER;
            }
            if (!now.isBefore(t.expiresAt())) {
                return consumed.containsKey(ticket) ? Redemption.USED : Redemption.EXPIRED;
            }
            return consumed.putIfAbsent(ticket, now) == null ? Redemption.REDEEMED : Redemption.USED;
        }
    }
}
