package org.portico.web.asset;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.cdn.fingerprint.FingerprintedAsset;
import org.portico.cdn.fingerprint.FingerprintedAssets;

/**
 * Builds the URLs of fingerprinted assets: {@code css/portico.css} becomes {@code /assets/css/portico.<fingerprint>.css}
 * (with the context path), a Faces resource {@code primefaces:core.js} becomes
 * {@code /assets/faces/primefaces/core.<fingerprint>.js}. Pages use the first through the EL function
 * {@code portico:asset} ({@link AssetFunctions}), Faces the second through {@link FingerprintingResourceHandler}.
 *
 * <p>With a CDN configured ({@code portico.cdn.url}, environment {@code PORTICO_CDN_URL}, such as
 * {@code https://cdn.example.com} or {@code https://d111111abcdef8.cloudfront.net/portal}) every asset URL is absolute
 * to it; the CDN fetches them from Portico's {@code /assets/} on a miss. It remembers the Subresource Integrity value of
 * each URL it built, so that the scripts and style sheets that load them can carry it ({@link IntegrityResponseWriter}).
 */
@ApplicationScoped
public class AssetUrls {

    @Inject
    FingerprintedAssets assets;

    @Inject
    ServletContext servletContext;

    @Inject
    AssetPrecompression precompression;

    @Inject
    @ConfigProperty(name = "portico.cdn.url")
    Optional<String> cdnUrl;

    private String base;
    private Optional<String> cdnOrigin;
    private final Map<String, String> integrityByUrl = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        Optional<URI> cdn = cdnUrl.map(String::strip).filter(url -> !url.isEmpty()).map(AssetUrls::parseCdnUrl);
        String path = cdn.map(uri -> uri.toString().replaceAll("/+$", "")).orElse(servletContext.getContextPath());
        base = path + AssetServlet.PATH + "/";
        cdnOrigin = cdn.map(uri -> uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /**
     * The URL of the asset at {@code logicalPath}, relative to {@code /resources/portico/}.
     *
     * @throws IllegalArgumentException when there is no such asset (a broken page: the message names the path)
     */
    public String url(String logicalPath) {
        return remember(base, assets.get(logicalPath));
    }

    /** The URL of a Faces resource's asset (see {@link FacesResourceAssets}). */
    public String facesUrl(FingerprintedAsset asset) {
        return remember(base + FacesResourceAssets.PREFIX, asset);
    }

    /** The Subresource Integrity value of an asset URL this built, empty for any other URL. */
    public Optional<String> integrityOf(String url) {
        return url == null ? Optional.empty() : Optional.ofNullable(integrityByUrl.get(url));
    }

    /** The CDN's origin, such as {@code https://cdn.example.com}, when one is configured. */
    public Optional<String> cdnOrigin() {
        return cdnOrigin;
    }

    private String remember(String prefix, FingerprintedAsset asset) {
        String url = prefix + asset.name();
        if (integrityByUrl.putIfAbsent(url, asset.integrity()) == null) {
            precompression.precompress(asset);
        }
        return url;
    }

    /**
     * @throws IllegalStateException naming the setting, when it is not an absolute http(s) URL without query, fragment
     *                               or user info: the server does not start with a CDN URL that would break every page
     */
    static URI parseCdnUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalStateException("portico.cdn.url (PORTICO_CDN_URL) must be an absolute http(s) URL"
                        + " without query, fragment or user info, such as https://cdn.example.com, got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("portico.cdn.url (PORTICO_CDN_URL) is not a URL: '" + text + "'", e);
        }
    }
}
