package org.portico.cdn.purge;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.portico.cdn.purge.PurgeTarget.Kind;
import org.portico.cdn.purge.PurgeTargetDescriptor.Credential;
import org.portico.cdn.purge.PurgeTargetDescriptor.Option;

/**
 * Builds the {@link CdnPurger} for a {@link PurgeTarget}, and describes each kind of target for the admin's form.
 *
 * <p>Stateless and thread-safe.
 */
public final class CdnPurgers {

    static final String SERVICE_ID = "serviceId";
    static final String SOFT_PURGE = "softPurge";
    static final String ZONE_ID = "zoneId";
    static final String DISTRIBUTION_ID = "distributionId";

    // Fastly service IDs are alphanumeric; Cloudflare zone IDs 32 hex digits; CloudFront distribution IDs upper-case
    // letters and digits. They go into API paths, so nothing else gets through.
    private static final Pattern FASTLY_SERVICE_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern CLOUDFLARE_ZONE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern CLOUDFRONT_DISTRIBUTION_ID = Pattern.compile("[A-Z0-9]{1,64}");

    private static final Option TIMEOUT = new Option(TargetSettings.TIMEOUT, false,
            Optional.of(TargetSettings.DEFAULT_TIMEOUT.toString()),
            "How long one request may take, as an ISO-8601 duration up to PT2M, such as PT10S");

    private static final Map<Kind, PurgeTargetDescriptor> DESCRIPTORS = descriptors(
            new PurgeTargetDescriptor(Kind.VARNISH, "Varnish", Optional.empty(),
                    "Varnish's own HTTP listen address, such as http://varnish:6081 (plain HTTP)",
                    List.of(TIMEOUT), Credential.NONE),
            new PurgeTargetDescriptor(Kind.FASTLY, "Fastly", Optional.of(URI.create("https://api.fastly.com")),
                    "Fastly's API", List.of(
                            new Option(SERVICE_ID, true, Optional.empty(),
                                    "The service's ID (Service configuration page), such as SU1Z0isxPaozGVKXdv0eY"),
                            new Option(SOFT_PURGE, false, Optional.of("false"),
                                    "true marks purged content stale instead of removing it, so that Fastly can "
                                            + "still serve it while it revalidates (stale-while-revalidate)"),
                            TIMEOUT),
                    new Credential(true, "A Fastly API token with the purge_select scope (global:read as well for "
                            + "Test connection)")),
            new PurgeTargetDescriptor(Kind.CLOUDFLARE, "Cloudflare",
                    Optional.of(URI.create("https://api.cloudflare.com")), "Cloudflare's API", List.of(
                            new Option(ZONE_ID, true, Optional.empty(),
                                    "The zone's ID (the domain's Overview page), 32 hexadecimal digits such as "
                                            + "023e105f4ecef8ad9ca31a8372d0c353"),
                            TIMEOUT),
                    new Credential(true, "A Cloudflare API token with the Zone / Cache Purge permission (Zone / "
                            + "Zone / Read as well for Test connection)")),
            new PurgeTargetDescriptor(Kind.CLOUDFRONT, "CloudFront",
                    Optional.of(URI.create("https://cloudfront.amazonaws.com")),
                    "CloudFront's global API endpoint (requests are signed for us-east-1)", List.of(
                            new Option(DISTRIBUTION_ID, true, Optional.empty(),
                                    "The distribution's ID, such as EDFDVBD6EXAMPLE"),
                            TIMEOUT),
                    new Credential(true, "An AWS access key as accessKeyId:secretAccessKey, of an IAM user or role "
                            + "allowed cloudfront:CreateInvalidation (and cloudfront:GetDistribution for Test "
                            + "connection) on the distribution")));

    private CdnPurgers() {
    }

    /**
     * The adapter for {@code target}.
     *
     * @param http  the shared client for Fastly and Cloudflare (CloudFront uses the AWS SDK's, Varnish a socket of
     *              its own: the JDK's client refuses to set the {@code Host} header a URL purge needs)
     * @param clock tells how long a CDN's rate-limit reset is from now
     * @throws IllegalArgumentException when the target's endpoint, options or credential are not valid for its kind;
     *                                  the message says what a valid value looks like and never quotes the credential
     */
    public static CdnPurger create(PurgeTarget target, HttpClient http, Clock clock) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
        TargetSettings settings = TargetSettings.of(descriptor(target.kind()), target);
        return switch (target.kind()) {
            case VARNISH -> new VarnishPurger(settings.endpoint(), settings.timeout());
            case FASTLY -> new FastlyPurger(new PurgeHttp(http, "Fastly", settings, clock),
                    settings.identifier(SERVICE_ID, FASTLY_SERVICE_ID, "SU1Z0isxPaozGVKXdv0eY"),
                    settings.flag(SOFT_PURGE));
            case CLOUDFLARE -> new CloudflarePurger(new PurgeHttp(http, "Cloudflare", settings, clock),
                    settings.identifier(ZONE_ID, CLOUDFLARE_ZONE_ID, "023e105f4ecef8ad9ca31a8372d0c353"));
            case CLOUDFRONT -> CloudFrontPurger.create(settings,
                    settings.identifier(DISTRIBUTION_ID, CLOUDFRONT_DISTRIBUTION_ID, "EDFDVBD6EXAMPLE"), clock);
        };
    }

    /** What a site admin fills in for {@code kind}. */
    public static PurgeTargetDescriptor descriptor(Kind kind) {
        return DESCRIPTORS.get(Objects.requireNonNull(kind, "kind"));
    }

    /** The descriptors of all kinds, in {@link Kind} order. */
    public static List<PurgeTargetDescriptor> descriptors() {
        return List.copyOf(DESCRIPTORS.values());
    }

    private static Map<Kind, PurgeTargetDescriptor> descriptors(PurgeTargetDescriptor... all) {
        Map<Kind, PurgeTargetDescriptor> byKind = new EnumMap<>(Kind.class);
        for (PurgeTargetDescriptor descriptor : all) {
            byKind.put(descriptor.kind(), descriptor);
        }
        if (byKind.size() != Kind.values().length) {
            throw new IllegalStateException("a purge target kind has no descriptor: " + byKind.keySet());
        }
        return byKind;
    }
}
