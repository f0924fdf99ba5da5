package org.portico.cdn.purge;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A site admin's configuration of one purge target: which vendor, where its API (or Varnish's HTTP listen address) is,
 * the vendor's options, and the credential (opened from its sealed form only to build the adapter).
 *
 * @param kind       the vendor
 * @param endpoint   the API base to talk to: the vendor's public API by default, a local server in tests, Varnish's
 *                   own address for {@link Kind#VARNISH}
 * @param options    the kind's settings, such as {@code serviceId} (Fastly), {@code zoneId} (Cloudflare),
 *                   {@code distributionId} (CloudFront)
 * @param credential Fastly API token, Cloudflare API token, AWS {@code accessKeyId:secretAccessKey}; empty for Varnish
 */
public record PurgeTarget(Kind kind, URI endpoint, Map<String, String> options, Optional<String> credential) {

    /** The CDNs Portico purges. */
    public enum Kind {
        /** Varnish with varnish-modules' xkey: {@code PURGE} by URL, tag purge by the {@code xkey-purge} header. */
        VARNISH,
        /** Fastly: the surrogate-key purge API. */
        FASTLY,
        /** Cloudflare: {@code purge_cache} by tags and files. */
        CLOUDFLARE,
        /** Amazon CloudFront: {@code CreateInvalidation} (paths only; tags are resolved to paths by the caller). */
        CLOUDFRONT
    }

    public PurgeTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
        options = Map.copyOf(Objects.requireNonNull(options, "options"));
        Objects.requireNonNull(credential, "credential");
    }
}
