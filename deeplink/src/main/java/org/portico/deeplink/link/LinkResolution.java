package org.portico.deeplink.link;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import org.portico.deeplink.app.AppRegistration;

/**
 * How following a link ends, as decided by {@link LinkResolver}: expected outcomes are values, not exceptions.
 * {@link ToApp}, {@link ToPage} and {@link Rejected} are resolutions with a {@link LinkOutcome} ({@link #findOutcome()}) (the analytics count
 * them); {@link NeedsLogin} and {@link Preview} are not yet resolutions: the same link is resolved again after the
 * login, or when a person opens it.
 */
public sealed interface LinkResolution {

    /** The outcome to record, or empty when the link was not resolved yet (login, preview). */
    Optional<LinkOutcome> findOutcome();

    /** The target app's id, when the route leads into an app. */
    default Optional<String> appId() {
        return Optional.empty();
    }

    /**
     * Send the browser into the app (303).
     *
     * @param route  the route
     * @param app    the target app
     * @param target the checked target URL, with the token when one was issued
     * @param token  the issued token, or null for a guest (nobody to vouch for)
     */
    record ToApp(LinkRoute route, AppRegistration app, URI target, LinkToken token) implements LinkResolution {
        public ToApp {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public Optional<LinkOutcome> findOutcome() {
            return Optional.of(LinkOutcome.OK);
        }

        @Override
        public Optional<String> appId() {
            return Optional.of(app.id());
        }
    }

    /**
     * Show a Portico page.
     *
     * @param route the route
     * @param path  the checked local path (context-relative, with query and fragment)
     */
    record ToPage(LinkRoute route, String path) implements LinkResolution {
        @Override
        public Optional<LinkOutcome> findOutcome() {
            return Optional.of(LinkOutcome.OK);
        }
    }

    /**
     * The route needs a logged-in user and there is none.
     *
     * @param route    the route
     * @param signedBy a verified inbound signature whose app may log its user in, or null
     */
    record NeedsLogin(LinkRoute route, InboundLink signedBy) implements LinkResolution {
        @Override
        public Optional<LinkOutcome> findOutcome() {
            return Optional.empty();
        }

        @Override
        public Optional<String> appId() {
            return route.appId();
        }
    }

    /**
     * A HEAD request or a link prefetcher: everything checked, nothing consumed, no token issued.
     *
     * @param route the route
     * @param app   the target app, or null for a Portico page
     */
    record Preview(LinkRoute route, AppRegistration app) implements LinkResolution {
        @Override
        public Optional<LinkOutcome> findOutcome() {
            return Optional.empty();
        }

        @Override
        public Optional<String> appId() {
            return route.appId();
        }
    }

    /**
     * The link cannot be followed.
     *
     * @param outcome why (never {@link LinkOutcome#OK})
     * @param message what happened, fit to show to the person (names a parameter, never echoes a value)
     * @param route   the route, or null when none was found
     */
    record Rejected(LinkOutcome outcome, String message, LinkRoute route) implements LinkResolution {
        public Rejected {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
            if (outcome == LinkOutcome.OK) {
                throw new IllegalArgumentException("a rejection is not OK");
            }
        }

        @Override
        public Optional<LinkOutcome> findOutcome() {
            return Optional.of(outcome);
        }

        @Override
        public Optional<String> appId() {
            return route == null ? Optional.empty() : route.appId();
        }
    }
}
