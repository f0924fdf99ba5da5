package org.portico.web.cdn;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.portico.cdn.purge.PurgeTarget;

/**
 * A purge target as admins see it: never its credential, only whether it has one. Immutable.
 *
 * @param endpoint the API (or Varnish) Portico talks to
 * @param options  the kind's settings, such as {@code serviceId}, {@code zoneId}, {@code distributionId}
 */
public record CdnTarget(long id, String name, PurgeTarget.Kind kind, String endpoint, Map<String, String> options,
                        boolean hasCredential, boolean enabled, Instant updatedAt, String updatedBy, long lockVersion) {

    public CdnTarget {
        options = Map.copyOf(new TreeMap<>(options));
    }
}
