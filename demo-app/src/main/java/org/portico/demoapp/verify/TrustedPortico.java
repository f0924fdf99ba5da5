package org.portico.demoapp.verify;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jose.util.ResourceRetriever;

/**
 * The Portico an app trusts, reached at a base URL: reads its discovery document on first use and again every
 * {@link #DISCOVERY_TTL}, and keeps one {@link LinkTokenVerifier} (with its JWKS cache) while the issuer and the JWKS
 * location stay the same. Nothing is fetched at construction, so the app may start before Portico. When a later
 * fetch fails, the last good discovery is kept. Thread-safe.
 */
public final class TrustedPortico {

    /** How long the discovery document is trusted before it is read again. */
    public static final Duration DISCOVERY_TTL = Duration.ofMinutes(5);

    private final URI porticoUrl;
    private final Optional<String> audience;
    private final String audiencePath;
    private final ResourceRetriever http;
    private final Clock clock;

    private record Current(PorticoDiscovery discovery, LinkTokenVerifier verifier, Instant fetchedAt) {
    }

    private Current current;

    /**
     * @param porticoUrl   Portico's base URL, where its discovery document is
     * @param audience     this app's audience, when configured; otherwise the issuer followed by {@code audiencePath}
     * @param audiencePath e.g. {@code /demo-app}
     * @param http         fetches the discovery document and the JWKS
     * @param clock        the time source for tokens and for the discovery's age
     */
    public TrustedPortico(URI porticoUrl, Optional<String> audience, String audiencePath, ResourceRetriever http, Clock clock) {
        this.porticoUrl = Objects.requireNonNull(porticoUrl, "porticoUrl");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.audiencePath = Objects.requireNonNull(audiencePath, "audiencePath");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public URI porticoUrl() {
        return porticoUrl;
    }

    /**
     * The verifier for Portico's current issuer and keys.
     *
     * @throws PorticoUnavailableException when the discovery document was never read and cannot be read now
     */
    public synchronized LinkTokenVerifier verifier() {
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.fetchedAt().plus(DISCOVERY_TTL))) {
            return current.verifier();
        }
        PorticoDiscovery discovery;
        try {
            discovery = PorticoDiscovery.fetch(porticoUrl, http);
        } catch (PorticoUnavailableException e) {
            if (current == null) {
                throw e;
            }
            discovery = current.discovery();
        }
        LinkTokenVerifier verifier = current != null && current.discovery().equals(discovery) ? current.verifier()
                : new LinkTokenVerifier(discovery.issuer(), audience.orElse(discovery.issuer() + audiencePath),
                discovery.jwksUri(), http, clock);
        current = new Current(discovery, verifier, now);
        return verifier;
    }
}
