package org.portico.web.asset;

import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.portico.cdn.fingerprint.FingerprintedAsset;
import org.portico.cdn.fingerprint.FingerprintedAssets;

/**
 * Compresses assets in the background, so that no visitor waits for it: brotli at its strongest takes a second or
 * two for PrimeFaces' largest script, once per node. At start-up: all of Portico's own assets and the Faces resources
 * every page loads; afterwards, any other asset as soon as a page first names it ({@link AssetUrls}), which is before
 * the browser asks for it.
 */
@ApplicationScoped
public class AssetPrecompression {

    /** The Faces resources of every page (the theme is named by the pages, so it is compressed on first use). */
    static final List<String> FACES_RESOURCES = List.of("primefaces/components.css",
            "primefaces/primeicons/primeicons.css", "primefaces/jquery/jquery.js", "primefaces/jquery/jquery-plugins.js",
            "primefaces/core.js", "primefaces/components.js", "primefaces/locales/locale-en.js",
            "primefaces/locales/locale-de.js", "omnifaces/omnifaces.js");

    private static final Logger LOG = Logger.getLogger(AssetPrecompression.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    FingerprintedAssets assets;

    @Inject
    FacesResourceAssets facesResources;

    @Inject
    WebApplication application;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        submit(() -> {
            long started = System.nanoTime();
            ownAssets(WebApplication.ASSET_ROOT).forEach(path -> assets.find(path).ifPresent(FingerprintedAsset::encodings));
            FACES_RESOURCES.forEach(name -> facesResources.find(name.substring(0, name.indexOf('/')),
                    name.substring(name.indexOf('/') + 1)).ifPresent(FingerprintedAsset::encodings));
            LOG.fine(() -> "Assets precompressed in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        });
    }

    /** Compresses {@code asset} in the background (a no-op when it is compressed already). */
    void precompress(FingerprintedAsset asset) {
        submit(asset::encodings);
    }

    private void submit(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Precompressing assets failed; they are compressed on first request", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "Not precompressing now: " + e);
        }
    }

    /** The logical paths of the files under the asset root, e.g. {@code css/portico.css}. */
    private List<String> ownAssets(String root) {
        return walk(root).stream().map(path -> path.substring(root.length())).toList();
    }

    private List<String> walk(String folder) {
        Set<String> entries = application.servletContext().getResourcePaths(folder);
        if (entries == null) {
            return List.of();
        }
        return entries.stream().sorted()
                .flatMap(entry -> entry.endsWith("/") ? walk(entry).stream() : java.util.stream.Stream.of(entry))
                .toList();
    }
}
