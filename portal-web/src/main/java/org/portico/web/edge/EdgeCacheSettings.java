package org.portico.web.edge;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.portico.cdn.http.SharedCacheControl;
import org.portico.web.settings.Settings;

/**
 * How long a shared cache may keep guests' pages, read once and checked at start-up: {@code portico.edge.shared-max-age},
 * an ISO-8601 duration from {@code PT0S} (off: no page is marked for shared caches) to {@code P365D}, default
 * {@code PT10M}. With purges configured (the CDN is told when content changes) it can be long; without them it is how
 * long guests may see content that changed.
 */
@ApplicationScoped
public class EdgeCacheSettings {

    private static final Logger LOG = Logger.getLogger(EdgeCacheSettings.class.getName());

    static final String SHARED_MAX_AGE = "portico.edge.shared-max-age";

    @Inject
    Config config;

    private Optional<SharedCacheControl> shared;

    @PostConstruct
    void read() {
        Duration maxAge = Settings.duration(config, SHARED_MAX_AGE, "PT10M", "PT0S", "P365D");
        if (maxAge.getNano() != 0) {
            throw new IllegalStateException(SHARED_MAX_AGE + " must be whole seconds, such as 'PT10M', got '" + maxAge + "'");
        }
        shared = maxAge.isZero() ? Optional.empty() : Optional.of(new SharedCacheControl(maxAge));
    }

    void startUp(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.info(() -> shared.map(policy -> "Shared caches may keep guests' pages: " + policy.toHeaderValue())
                .orElse("Shared caches keep no pages (" + SHARED_MAX_AGE + " is PT0S)"));
    }

    /** The policy of guests' pages; empty when shared caching is off. */
    public Optional<SharedCacheControl> shared() {
        return shared;
    }
}
