package org.portico.web.config;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.portico.web.security.oidc.OidcSettings;

/**
 * OpenID Connect login settings from MicroProfile Config, checked when the application starts: a wrong value stops
 * the deployment with a message that names the key and shows a valid value. OIDC login is off unless
 * {@code portico.oidc.issuer} is set.
 */
@ApplicationScoped
public class OidcProducer {

    private static final Logger LOG = Logger.getLogger(OidcProducer.class.getName());

    @Inject
    Config config;

    @Produces
    @Singleton // read once; OidcSettings is an immutable record
    OidcSettings oidcSettings() {
        return OidcSettings.from(key -> config.getOptionalValue(key, String.class));
    }

    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object event, OidcSettings settings) {
        if (settings.enabled()) {
            LOG.info(() -> "OpenID Connect login is on: " + settings);
        } else {
            LOG.info("OpenID Connect login is off (portico.oidc.issuer is not set)");
        }
    }
}
