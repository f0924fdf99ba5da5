package org.portico.deeplink.link;

/**
 * How the resolution of one deep link ended. Every resolution is recorded with exactly one outcome, and the link
 * analytics count them per route and day.
 *
 * <p>The names are stable: they are stored in the database and appear in CSV exports and the REST API. New outcomes
 * may be added at the end; existing ones are never renamed.
 */
public enum LinkOutcome {

    /** The user was sent to the target (303 to an app or the Portico page shown). */
    OK,
    /** The route's validity window has ended, or a signed link or ticket has expired. */
    EXPIRED,
    /** A signed link or one-time ticket did not verify: tampered, wrong key, wrong issuer or audience. */
    BAD_SIGNATURE,
    /** A one-time link that had already been used, or an inbound signed link seen before. */
    REPLAYED,
    /** The user may not follow the route: missing role, route disabled or not yet valid, or an app not allowed. */
    DENIED,
    /** No route with that name. */
    UNKNOWN_ROUTE,
    /** A parameter is missing, unexpected, or does not match its type; or the expanded target is not allowed. */
    INVALID_PARAMETER;

    /** The lower-case name used in URLs, CSV and JSON, e.g. {@code bad_signature}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
