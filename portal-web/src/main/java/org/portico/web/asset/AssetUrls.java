package org.portico.web.asset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;

import org.portico.cdn.fingerprint.FingerprintedAssets;

/**
 * Builds the URLs of fingerprinted assets: {@code css/portico.css} becomes
 * {@code /portico/assets/css/portico.<fingerprint>.css} (with the context path). Pages use it through the EL function
 * {@code portico:asset}, see {@link AssetFunctions}.
 */
@ApplicationScoped
public class AssetUrls {

    @Inject
    FingerprintedAssets assets;

    @Inject
    ServletContext servletContext;

    /**
     * The URL of the asset at {@code logicalPath}, relative to {@code /resources/portico/}.
     *
     * @throws IllegalArgumentException when there is no such asset (a broken page: the message names the path)
     */
    public String url(String logicalPath) {
        return servletContext.getContextPath() + AssetServlet.PATH + "/" + assets.get(logicalPath).name();
    }
}
