package org.portico.deeplink.link;

import java.time.Instant;
import java.util.Objects;

import org.portico.deeplink.app.AppRegistration;

/**
 * An inbound link whose signature verified: which app vouches for it, for which user, and its single-use id.
 *
 * @param app       the signing app (registered and enabled)
 * @param subject   {@code sub}: the username the app says the link is for
 * @param jwtId     {@code jti}: accepted once
 * @param expiresAt {@code exp}
 */
public record InboundLink(AppRegistration app, String subject, String jwtId, Instant expiresAt) {

    public InboundLink {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(jwtId, "jwtId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the signing app may log its user in to Portico from the link. */
    public boolean mayLogIn() {
        return app.trustedForSignOn();
    }
}
