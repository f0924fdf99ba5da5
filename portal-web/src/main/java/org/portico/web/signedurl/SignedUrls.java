package org.portico.web.signedurl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.cdn.http.CacheControl;
import org.portico.cdn.signing.CloudFrontUrlSigner;
import org.portico.cdn.signing.CloudFrontUrlVerifier;
import org.portico.cdn.signing.SignedUrlCheck;
import org.portico.cdn.signing.SignedUrlCheck.Refusal;
import org.portico.web.database.DatabaseMigrations;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Signed expiring URLs of Portico's own paths, in CloudFront's format with a canned policy: made for the pages and
 * the API ({@link #sign}), checked by Portico's origin ({@link #check}), so they work the same with CloudFront in front
 * (it checks them at the edge with the public key uploaded to its key group) and without a CDN.
 * <p>
 * A URL names the CDN's base URL when {@code portico.cdn.url} is set, else the request's own origin and context path.
 * The origin accepts a URL signed for either: behind a CDN the request arrives with the origin's host. The expiry is rounded up
 * ({@link SignedUrlSettings}), so repeated views reuse the URL a browser cached; the cache lifetime of an answer
 * never outlives the signature ({@link #cacheControl}). Thread-safe.
 */
@ApplicationScoped
public class SignedUrls {

    private static final Logger LOG = Logger.getLogger(SignedUrls.class.getName());
    /** Signed URLs kept at most: a few per private image and host. */
    static final int SIGNED_KEPT = 10_000;

    @Inject
    CloudFrontUrlSigner signer;

    @Inject
    CloudFrontUrlVerifier verifier;

    @Inject
    UrlSigningKey key;

    @Inject
    SignedUrlSettings settings;

    @Inject
    Clock clock;

    /** A URL to sign until an expiry. */
    private record Unsigned(String url, Instant expiresAt) {
    }

    /** Signed URLs of the current buckets: signing is the costly part, and URLs repeat within a bucket. */
    private Cache<Unsigned, String> signed;

    @PostConstruct
    void build() {
        // an entry is asked for during its bucket only: gone once a URL signed with it would have expired
        signed = Caffeine.newBuilder().maximumSize(SIGNED_KEPT)
                .expireAfterWrite(settings.expiry().lifetime().plus(settings.expiry().bucket())).build();
    }

    /** Opens (at first start: generates) the key when the application starts, not at the first private image. */
    void startUp(@Observes @Priority(DatabaseMigrations.PRIORITY + 6) @Initialized(ApplicationScoped.class)
                 Object event) {
        LOG.info(() -> "Signed URLs: key pair id " + signer.keyPairId() + ", " + settings.expiry().lifetime()
                + " rounded up to " + settings.expiry().bucket() + ", clock skew " + settings.clockSkew()
                + settings.cdnUrl().map(url -> ", for " + url).orElse(", for the request's origin"));
    }

    /**
     * The signed absolute URL of one of Portico's paths.
     *
     * @param path    below the context path, starting with {@code /}, such as {@code /media/<sha256>.png}
     * @param request the request the page or answer is for: its origin and context path, unless a CDN is configured
     */
    public SignedUrl sign(String path, HttpServletRequest request) {
        Instant expiresAt = settings.expiry().expiresAt(clock.instant());
        String base = settings.cdnUrl().orElseGet(() -> origin(request) + request.getContextPath());
        String url = base + path;
        // one RSA signature per URL and bucket, however many pages show it
        return new SignedUrl(signed.get(new Unsigned(url, expiresAt), unsigned -> signer.sign(url, expiresAt)),
                expiresAt);
    }

    /** Whether a request names one of the parameters of a signed URL, so it is to be checked as one. */
    public static boolean looksSigned(HttpServletRequest request) {
        String query = request.getQueryString();
        return query != null && (query.startsWith("Expires=") || query.contains("&Expires=")
                || query.contains("Signature=") || query.contains("Key-Pair-Id="));
    }

    /**
     * Checks a request's URL as a signed URL: for the URL as the request names it, and for the same path and query
     * under the CDN's base URL when one is configured.
     */
    public SignedUrlCheck check(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        SignedUrlCheck asRequested = verifier.verify(origin(request) + request.getRequestURI() + query);
        if (asRequested.accepted() || settings.cdnUrl().isEmpty() || !altered(asRequested)) {
            return asRequested;
        }
        String belowContext = request.getRequestURI().substring(request.getContextPath().length());
        return verifier.verify(settings.cdnUrl().get() + belowContext + query);
    }

    /**
     * How long an answer to an accepted URL may be cached: by the browser only, for the seconds left until the
     * URL expires (never beyond it); {@code no-store} once it has (a URL accepted within the clock skew).
     */
    public CacheControl cacheControl(SignedUrlCheck.Accepted accepted) {
        // whole seconds, cut: the cached copy expires at or before the URL
        Duration left = Duration.ofSeconds(Duration.between(clock.instant(), accepted.expiresAt()).getSeconds());
        if (left.isZero() || left.isNegative()) {
            return CacheControl.noStore();
        }
        return CacheControl.privateFor(left.compareTo(CacheControl.ONE_YEAR) > 0 ? CacheControl.ONE_YEAR : left);
    }

    /** The key pair id signed URLs name. */
    public String keyPairId() {
        return signer.keyPairId();
    }

    /** Portico's own default key pair id: the one to configure when the key is used without CloudFront's id. */
    public String defaultKeyPairId() {
        return key.defaultKeyPairId();
    }

    /** The public key as PEM, for CloudFront's key group. */
    public String publicKeyPem() {
        return key.publicKeyPem();
    }

    /** The CDN's base URL, when signed URLs name it. */
    public Optional<String> cdnUrl() {
        return settings.cdnUrl();
    }

    private static boolean altered(SignedUrlCheck check) {
        return check instanceof SignedUrlCheck.Refused refused && refused.reason() == Refusal.ALTERED;
    }

    /** {@code scheme://host[:port]} of the request, the port left out when it is the scheme's default. */
    static String origin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
