package org.portico.web.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.portico.cdn.fingerprint.FingerprintedAssets;
import org.portico.web.asset.WebApplication;

/** Wires the CDN module: the catalogue of fingerprinted assets read from the WAR. */
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

    private static Optional<byte[]> read(WebApplication application, String path) throws IOException {
        try (InputStream in = application.servletContext().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }
}
