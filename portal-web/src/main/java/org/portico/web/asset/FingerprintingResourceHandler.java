package org.portico.web.asset;

import jakarta.faces.application.Resource;
import jakarta.faces.application.ResourceHandler;
import jakarta.faces.application.ResourceHandlerWrapper;
import jakarta.faces.application.ResourceWrapper;

import org.omnifaces.util.Beans;

/**
 * Renders the URLs of Faces resources (PrimeFaces' and its theme's scripts, styles, fonts and images; Faces' and
 * OmniFaces' scripts) as fingerprinted assets: {@code /assets/faces/primefaces/core.<fingerprint>.js} instead of
 * {@code /jakarta.faces.resource/core.js.xhtml?ln=primefaces&v=15.0.13}, so that they are cached for a year, served
 * precompressed, and move to a CDN with {@code portico.cdn.url} ({@link AssetUrls}, {@link FacesResourceAssets}).
 * A resource Portico does not serve that way (none in a library, or none it can read) keeps Faces' own URL, which
 * Faces still serves.
 *
 * <p>Registered in {@code faces-config.xml}.
 */
public class FingerprintingResourceHandler extends ResourceHandlerWrapper {

    public FingerprintingResourceHandler(ResourceHandler wrapped) {
        super(wrapped);
    }

    @Override
    public Resource createResource(String resourceName, String libraryName) {
        return fingerprinted(super.createResource(resourceName, libraryName));
    }

    @Override
    public Resource createResource(String resourceName, String libraryName, String contentType) {
        return fingerprinted(super.createResource(resourceName, libraryName, contentType));
    }

    private static Resource fingerprinted(Resource resource) {
        if (resource == null) {
            return null;
        }
        return Lookup.FACES_RESOURCES.find(resource.getLibraryName(), resource.getResourceName())
                .<Resource>map(asset -> new Fingerprinted(resource, Lookup.URLS.facesUrl(asset)))
                .orElse(resource);
    }

    /** A resource with a fingerprinted request path; everything else is the wrapped resource's. */
    private static final class Fingerprinted extends ResourceWrapper {

        private final String requestPath;

        Fingerprinted(Resource wrapped, String requestPath) {
            super(wrapped);
            this.requestPath = requestPath;
        }

        @Override
        public String getRequestPath() {
            return requestPath;
        }
    }

    /** The beans, looked up once, on first use (Faces creates this handler; it is no CDI bean). */
    private static final class Lookup {
        static final FacesResourceAssets FACES_RESOURCES = Beans.getReference(FacesResourceAssets.class);
        static final AssetUrls URLS = Beans.getReference(AssetUrls.class);
    }
}
