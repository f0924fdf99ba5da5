package org.portico.demoapp.verify;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.util.ResourceRetriever;

/**
 * The Portico an app trusts, reached at a base URL: reads its discovery document on first use and again every
 * {@link #DISCOVERY_TTL}, and keeps one {@link LinkTokenVerifier} and one {@link AccessTokenVerifier} (sharing one JWKS
 * cache) while the issuer and the JWKS location stay the same. Nothing is fetched at construction, so the app may start before Portico. When a later
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

    private record Verifiers(LinkTokenVerifier links, AccessTokenVerifier accessTokens) {
    }

    private record Current(PorticoDiscovery discovery, Verifiers verifiers, Instant fetchedAt) {
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
     * The link token verifier for Portico's current issuer and keys.
     *
     * @throws PorticoUnavailableException when the discovery document was never read and cannot be read now
     */
    public LinkTokenVerifier verifier() {
        return current().verifiers().links();
    }

    /**
     * The access token verifier for Portico's current issuer and keys.
     *
     * @throws PorticoUnavailableException when the discovery document was never read and cannot be read now
     */
    public AccessTokenVerifier accessTokenVerifier() {
        return current().verifiers().accessTokens();
    }

    /**
     * Portico's issuer, its public base URL as its discovery document states it: what browsers see as Portico's
     * origin (the base URL this app reaches Portico at may differ, such as 127.0.0.1 on the same server).
     *
     * @throws PorticoUnavailableException when the discovery document was never read and cannot be read now
     */
    public String issuer() {
        return current().discovery().issuer();
    }

    private synchronized Current current() {
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.fetchedAt().plus(DISCOVERY_TTL))) {
            return current;
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
        Verifiers verifiers = current != null && current.discovery().equals(discovery) ? current.verifiers()
                : verifiers(discovery);
        current = new Current(discovery, verifiers, now);
        return current;
    }

    private Verifiers verifiers(PorticoDiscovery discovery) {
        String issuer = discovery.issuer();
        String expectedAudience = audience.orElse(issuer + audiencePath);
        String jwksUrl = discovery.jwksUri().toString();
        JWKSource<VerificationContext> keys = JwsPipeline.jwks(discovery.jwksUri(), http);
        return new Verifiers(new LinkTokenVerifier(issuer, expectedAudience, jwksUrl, keys, clock),
                new AccessTokenVerifier(issuer, expectedAudience, jwksUrl, keys, clock));
    }
}
