package org.portico.web.signedurl;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.portico.cdn.signing.ExpiryBuckets;
import org.portico.web.settings.Settings;

/**
 * How signed URLs are made and checked, read once and checked at start-up (a bad value stops the deployment with a
 * message that shows a valid one). MicroProfile Config: system properties or environment variables such as
 * {@code PORTICO_CDN_SIGNING_KEY_PAIR_ID}.
 * <ul>
 *   <li>{@code portico.cdn.signing.key-pair-id}: the id CloudFront assigned to Portico's public key in its key group
 *   (such as {@code K2JCJMDEHXQW5F}); default: Portico's own id of the key, {@code portico-<12 hex digits>}</li>
 *   <li>{@code portico.cdn.signing.lifetime}: how long a signed URL lives at least, PT1M to P1D, default PT10M</li>
 *   <li>{@code portico.cdn.signing.rounding}: expiries are rounded up to a multiple of this, so that views within it
 *   get the same URL (and browsers their cached copy); PT1S up to the lifetime, default PT5M</li>
 *   <li>{@code portico.cdn.signing.clock-skew}: how long after its expiry Portico's origin still serves a URL, for
 *   clocks of other nodes or the CDN that run ahead; PT0S to PT10M, default PT30S</li>
 *   <li>{@code portico.cdn.url} ({@code PORTICO_CDN_URL}): the CDN's base URL, such as
 *   {@code https://d111111abcdef8.cloudfront.net} or {@code https://cdn.example.com/portal}, read as the asset URLs read
 *   it ({@code asset.AssetUrls}): signed URLs then are that URL followed by the path below Portico's context path.
 *   Unset: the request's own origin and context path.</li>
 * </ul>
 */
@ApplicationScoped
public class SignedUrlSettings {

    private static final Pattern KEY_PAIR_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Inject
    Config config;

    private Optional<String> keyPairId;
    private ExpiryBuckets expiry;
    private Duration clockSkew;
    private Optional<String> cdnUrl;

    @PostConstruct
    void read() {
        keyPairId = config.getOptionalValue("portico.cdn.signing.key-pair-id", String.class).map(String::strip)
                .filter(id -> !id.isEmpty());
        keyPairId.filter(id -> !KEY_PAIR_ID.matcher(id).matches()).ifPresent(id -> {
            throw new IllegalStateException("portico.cdn.signing.key-pair-id must be the id CloudFront assigned to the"
                    + " public key, 1 to 64 letters, digits, '_' or '-' such as K2JCJMDEHXQW5F, got '" + id + "'");
        });
        Duration lifetime = Settings.duration(config, "portico.cdn.signing.lifetime", "PT10M", "PT1M", "P1D");
        Duration rounding = Settings.duration(config, "portico.cdn.signing.rounding", "PT5M", "PT1S",
                lifetime.toString());
        if (lifetime.getNano() != 0 || rounding.getNano() != 0) {
            throw new IllegalStateException("portico.cdn.signing.lifetime and .rounding must be whole seconds, such as"
                    + " PT10M and PT5M, got '" + lifetime + "' and '" + rounding + "'");
        }
        expiry = new ExpiryBuckets(lifetime, rounding);
        clockSkew = Settings.duration(config, "portico.cdn.signing.clock-skew", "PT30S", "PT0S", "PT10M");
        cdnUrl = config.getOptionalValue("portico.cdn.url", String.class).map(String::strip)
                .filter(url -> !url.isEmpty()).map(SignedUrlSettings::baseUrl);
    }

    /** The configured key pair id; empty: Portico's own ({@link UrlSigningKey#defaultKeyPairId()}). */
    public Optional<String> keyPairId() {
        return keyPairId;
    }

    public ExpiryBuckets expiry() {
        return expiry;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    /** The CDN's base URL without a trailing slash ({@code https://cdn.example.com/portal}), or empty. */
    public Optional<String> cdnUrl() {
        return cdnUrl;
    }

    /**
     * {@code scheme://host[:port][/path]} of an absolute http(s) URL without query, fragment or user info, the scheme
     * and host in lower case, without trailing slashes.
     */
    static String baseUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
                return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT) + path;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalStateException("portico.cdn.url (PORTICO_CDN_URL) must be the CDN's base URL, an absolute"
                + " http(s) URL without query, fragment or user info, such as https://d111111abcdef8.cloudfront.net,"
                + " got '" + url + "'");
    }
}
