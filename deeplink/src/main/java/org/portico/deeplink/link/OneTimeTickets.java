package org.portico.deeplink.link;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SPI: the tickets of one-time links. portal-web keeps them in the shared database and lets it decide who redeems a
 * ticket: one conditional {@code UPDATE … WHERE consumed_at IS NULL AND expires_at > now}, so of any number of
 * concurrent requests on any number of nodes exactly one wins. A local cache must never answer.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface OneTimeTickets {

    /** A ticket id: 128 random bits, base64url without padding. */
    Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    /** What became of an attempt to redeem a ticket. */
    enum Redemption {
        /** This request redeemed it: go on. */
        REDEEMED(null),
        /** No such ticket (forged or mistyped). */
        UNKNOWN(LinkOutcome.BAD_SIGNATURE),
        /** The ticket belongs to another route or other parameters (the link was altered). */
        OTHER_LINK(LinkOutcome.BAD_SIGNATURE),
        /** The ticket was issued for another user. */
        OTHER_USER(LinkOutcome.DENIED),
        /** Redeemed before, by this or another request. */
        USED(LinkOutcome.REPLAYED),
        /** Past its expiry. */
        EXPIRED(LinkOutcome.EXPIRED);

        private final LinkOutcome failure;

        Redemption(LinkOutcome failure) {
            this.failure = failure;
        }

        /** The outcome of a link whose ticket ended so; null for {@link #REDEEMED}. */
        public LinkOutcome failure() {
            return failure;
        }
    }

    /**
     * Redeems {@code ticket} for this route, these normalised parameters and this user, at most once ever.
     *
     * @param ticket   a ticket id of the form {@link #TICKET_ID}
     * @param route    the route name
     * @param params   the bound, normalised parameters
     * @param username the user following the link, or null for a guest
     * @param now      the time of the attempt
     */
    Redemption redeem(String ticket, String route, Map<String, String> params, String username, Instant now);
}
