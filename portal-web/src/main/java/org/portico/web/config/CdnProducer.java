package org.portico.web.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.servlet.ServletContext;

import org.portico.cdn.fingerprint.FingerprintedAssets;

/** Wires the CDN module: the catalogue of fingerprinted assets read from the WAR. */
@ApplicationScoped
public class CdnProducer {

    /** The webapp folder whose files are served fingerprinted under {@code /assets/}. */
    public static final String ASSET_ROOT = "/resources/portico/";

    /**
     * One catalogue for the application. {@code @Singleton} (not normal-scoped) because the class is final and
     * immutable: it needs no proxy.
     */
    @Produces
    @Singleton
    FingerprintedAssets fingerprintedAssets(ServletContext servletContext) {
        return new FingerprintedAssets(logicalPath -> read(servletContext, ASSET_ROOT + logicalPath));
    }

    private static Optional<byte[]> read(ServletContext servletContext, String path) throws IOException {
        try (InputStream in = servletContext.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }
}
