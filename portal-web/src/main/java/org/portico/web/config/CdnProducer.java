package org.portico.web.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.portico.cdn.fingerprint.FingerprintedAssets;
import org.portico.cdn.purge.CdnPurgers;
import org.portico.web.asset.WebApplication;
import org.portico.web.cdn.CdnPurgerFactory;

/** Wires the CDN module: the catalogue of fingerprinted assets read from the WAR, and the purge adapters. */
@ApplicationScoped
public class CdnProducer {

    /**
     * One catalogue for the application. {@code @Singleton} (not normal-scoped) because the class is final and
     * immutable: it needs no proxy. It reads through the application's own servlet context, on whatever thread first
     * asks for an asset.
     */
    @Produces
    @Singleton
    FingerprintedAssets fingerprintedAssets(WebApplication application) {
        return new FingerprintedAssets(logicalPath ->
                read(application, WebApplication.ASSET_ROOT + logicalPath));
    }

    /**
     * Builds each purge target's adapter ({@code cdn.purge.CdnPurgers}), sharing one client among those that use
     * {@code java.net.http}: no redirects (a CDN's API answers where it is; a redirect would carry the credential
     * elsewhere), a bounded connect. Never a static field: the client's selector thread keeps the deployment's class
     * loader as its context, so a client a class holds would keep every undeployed Portico in memory.
     */
    @Produces
    @Singleton
    CdnPurgerFactory purgers(Clock clock) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return target -> CdnPurgers.create(target, http, clock);
    }

    private static Optional<byte[]> read(WebApplication application, String path) throws IOException {
        try (InputStream in = application.servletContext().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }
}
