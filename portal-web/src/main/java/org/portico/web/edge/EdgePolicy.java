package org.portico.web.edge;

import java.util.Optional;

import org.portico.cdn.http.SharedCacheControl;
import org.portico.cdn.tag.CacheTags;

/**
 * The decision about one response: may a shared cache keep it? Pure and thread-safe; {@link EdgeCacheFilter} gathers
 * the {@link Facts} once the response is rendered (or must leave early) and applies the {@link Verdict}.
 *
 * <p>Personal beats everything: a logged-in user, credentials in the request, a session (one that came with the request
 * or that rendering created: view state, a login in progress) or a cookie set makes the response {@code private,
 * no-store}, untagged. Otherwise only a response the page declared shareable, a complete 200 to a GET or HEAD whose
 * tags fit the header budget, is shared; a declared one that fails any of that is {@code private, no-cache} (never a
 * CDN's default lifetime); anything else is left as its servlet made it.
 */
final class EdgePolicy {

    /** The longest {@code Surrogate-Key} or {@code Cache-Tag} Portico sends; CDNs take 16 KiB, Varnish's default 8 KiB for all headers' lines. */
    static final int MAX_TAG_BYTES = 4 * 1024;

    static final String PERSONAL = "private, no-store";
    static final String NOT_SHARED = "private, no-cache";

    /** What to do with the response's headers. */
    enum Verdict {
        /** {@code public, max-age=0, s-maxage=N}, the tags, {@code Vary}. */
        SHARED,
        /** {@code private, no-store}, no tags. */
        PERSONAL,
        /** {@code private, no-cache}: declared shareable, but not this time. */
        NOT_SHARED,
        /** Leave it as the servlet made it. */
        UNCHANGED
    }

    /**
     * What is known about a response when its headers must be decided.
     *
     * @param readOnly    the method is GET or HEAD
     * @param status      the status code
     * @param loggedIn    the request has a user principal
     * @param credentials the request carries {@code Authorization}
     * @param session     the request has a session, brought or created
     * @param setsCookie  the response sets a cookie
     * @param shareable   the page declared the response shareable ({@link ResponseTags#shareable()})
     * @param complete    the whole body is known (not a response too large to hold, nor one that left early)
     * @param tags        the tags collected
     */
    record Facts(boolean readOnly, int status, boolean loggedIn, boolean credentials, boolean session,
            boolean setsCookie, boolean shareable, boolean complete, CacheTags tags) {
    }

    private EdgePolicy() {
    }

    /**
     * @param shared the policy of shared pages, empty when shared caching is off (then only personal responses change)
     */
    static Verdict decide(Facts facts, Optional<SharedCacheControl> shared) {
        if (facts.loggedIn() || facts.credentials() || facts.session() || facts.setsCookie()) {
            return Verdict.PERSONAL;
        }
        if (!facts.shareable() || shared.isEmpty()) {
            return Verdict.UNCHANGED;
        }
        if (!facts.readOnly() || facts.status() != 200 || !facts.complete() || facts.tags().isEmpty()
                || !facts.tags().fits(MAX_TAG_BYTES)) {
            return Verdict.NOT_SHARED;
        }
        return Verdict.SHARED;
    }
}
