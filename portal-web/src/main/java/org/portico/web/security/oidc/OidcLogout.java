package org.portico.web.security.oidc;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.web.settings.PorticoIssuer;

/**
 * RP-initiated logout: where to send a user after Portico's own logout, so that the provider ends its session too
 * and sends the user back to Portico's login page ({@code post_logout_redirect_uri}).
 */
@ApplicationScoped
public class OidcLogout {

    @Inject
    OidcSettings settings;

    @Inject
    OidcSession session;

    @Inject
    OidcClient client;

    @Inject
    PorticoIssuer portico;

    /**
     * The provider's end-session address for the user of this session; empty when the user logged in with a
     * password, OIDC is off, the provider has no {@code end_session_endpoint} or cannot be reached. Call it before
     * the session is invalidated.
     */
    public Optional<URI> findEndSessionUri(HttpServletRequest request) {
        if (!settings.enabled() || request.getSession(false) == null) {
            return Optional.empty();
        }
        return session.findIdToken().flatMap(idToken -> client.endSessionUri(idToken, ReturnUrls.loggedOut(portico)));
    }
}
