package org.portico.deeplink.link;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.token.UserIdentity;

/**
 * How following a link ends, as decided by {@link LinkResolver}: expected outcomes are values, not exceptions.
 * {@link ToApp}, {@link ToPage}, {@link SignOn} and {@link Rejected} are resolutions with a {@link LinkOutcome}
 * ({@link #findOutcome()}) (the analytics count them); {@link NeedsLogin}, {@link ConfirmSignOn} and {@link Preview}
 * are not yet resolutions: the same link is resolved again after the login, after the person confirmed, or when a
 * person opens it.
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
     * A link from an app trusted for sign-on, decided in full as the user it names (signature, route, parameters, the
     * user's roles against the route's and the app's sign-on roles, target, ticket; its {@code jti} and ticket are
     * consumed): log that user in, then go on as {@link #then()} says. Nobody is logged in yet when this is returned;
     * the caller logs the user in and must not decide anything again.
     *
     * @param link the verified inbound link
     * @param user the user to log in, with the roles the login grants
     * @param then where to go once logged in: a {@link ToApp} (with a token for {@code user}) or a {@link ToPage}
     */
    record SignOn(InboundLink link, UserIdentity user, LinkResolution then) implements LinkResolution {
        public SignOn {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(user, "user");
            if (!(then instanceof ToApp) && !(then instanceof ToPage)) {
                throw new IllegalArgumentException("a sign-on goes on into an app or to a page, not " + then);
            }
        }

        @Override
        public Optional<LinkOutcome> findOutcome() {
            return then.findOutcome();
        }

        @Override
        public Optional<String> appId() {
            return then.appId();
        }
    }

    /**
     * A link from an app trusted for sign-on names another user than the one logged in. Nothing was consumed; every
     * check up to the {@code jti} passed for the named user. The person must choose, by a deliberate request, whether
     * to switch ({@link LinkResolver#followSwitching}) or to stay who they are.
     *
     * @param route the route
     * @param link  the verified inbound link
     * @param user  the user the link would log in
     */
    record ConfirmSignOn(LinkRoute route, InboundLink link, UserIdentity user) implements LinkResolution {
        public ConfirmSignOn {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(user, "user");
        }

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
     * The route needs a logged-in user and there is none (and the link signs nobody in).
     *
     * @param route the route
     */
    record NeedsLogin(LinkRoute route) implements LinkResolution {
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
     * @param text    what happened, fit to show to the person (names a parameter, never echoes a value), as a message
     *                key and its parameters for the application to say in the person's language
     * @param route   the route, or null when none was found
     */
    record Rejected(LinkOutcome outcome, LinkMessage text, LinkRoute route) implements LinkResolution {
        public Rejected {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(text, "text");
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

        /** What happened, in English (see {@link LinkMessage#english()}). */
        public String message() {
            return text.english();
        }
    }
}
