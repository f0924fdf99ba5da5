package org.portico.web.link;

import static org.portico.web.json.Jsons.JSON;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;

import org.eclipse.microprofile.config.Config;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.OneTimeTickets;
import org.portico.deeplink.random.RandomIds;
import org.portico.web.settings.Settings;

/**
 * Mints and redeems the tickets of one-time links. A ticket is 128 random bits bound to the route, the normalised
 * parameters and optionally one user; the database's conditional update decides who redeems it (see
 * {@link LinkStore#consumeTicket}), so a double click, two tabs or two nodes still make exactly one winner.
 * <p>
 * {@code portico.links.one-time-lifetime} (ISO-8601, default P7D, at most P90D): how long a minted ticket stays valid.
 */
@ApplicationScoped
public class LinkTickets implements OneTimeTickets {

    static final Duration MAX_LIFETIME = Duration.ofDays(90);

    @Inject
    LinkStore store;

    @Inject
    Clock clock;

    @Inject
    Config config;

    /** A minted ticket and until when it can be redeemed. */
    public record Minted(String ticket, Instant expiresAt) {
    }

    /** The configured lifetime of new tickets, checked: a bad value fails the first mint with a clear message. */
    public Duration lifetime() {
        return Settings.duration(config, "portico.links.one-time-lifetime", "P7D", "PT1M", "P90D");
    }

    /**
     * Mints a ticket for one link of a one-time route.
     *
     * @param params   the bound, normalised parameters (as {@code LinkBinder} produces them)
     * @param username the only user who may redeem it, or null for whoever may follow the route
     * @param lifetime how long it stays valid, or null for the configured default (never longer than
     *                 {@link #MAX_LIFETIME}, never past the route's end)
     */
    public Minted mint(LinkRoute route, Map<String, String> params, String username, Duration lifetime) {
        Instant now = clock.instant();
        Duration valid = lifetime == null ? lifetime() : lifetime.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : lifetime;
        Instant expires = now.plus(valid);
        if (route.validUntil() != null && route.validUntil().isBefore(expires) && route.validUntil().isAfter(now)) {
            expires = route.validUntil();
        }
        String ticket = RandomIds.id();
        store.insertTicket(ticket, route.name(), canonical(params), username, now, expires);
        return new Minted(ticket, expires);
    }

    @Override
    public Redemption redeem(String ticket, String route, Map<String, String> params, String username, Instant now) {
        String canonical = canonical(params);
        if (store.consumeTicket(ticket, route, canonical, username, now)) {
            return Redemption.REDEEMED;
        }
        return store.findTicket(ticket).map(row -> {
            if (!row.route().equals(route) || !row.params().equals(canonical)) {
                return Redemption.OTHER_LINK;
            }
            if (row.username() != null && !row.username().equals(username)) {
                return Redemption.OTHER_USER;
            }
            if (row.consumedAt() != null) {
                return Redemption.USED;
            }
            return Redemption.EXPIRED;
        }).orElse(Redemption.UNKNOWN);
    }

    /** The parameters as stored: a JSON object of strings in the route's order (the binder's order). */
    static String canonical(Map<String, String> params) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        params.forEach((name, value) -> json.add(name, Objects.requireNonNull(value)));
        return json.build().toString();
    }
}
