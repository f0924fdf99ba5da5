package org.portico.web.cms.source;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an admin sends to add or change a source. Immutable.
 *
 * @param options    the type's options; {@code allowInternalHost: "true"} lets the host be on Portico's own network
 * @param credential the application password or API token: null keeps the stored one, empty removes it
 */
public record CmsSourceChange(String name, String baseUrl, Map<String, String> options, String credential,
                              Duration timeout, Duration freshFor, boolean enabled) {

    /** The option that lets a source's host be on Portico's own network (loopback, private): {@code "true"}. */
    public static final String ALLOW_INTERNAL_HOST = "allowInternalHost";

    public CmsSourceChange {
        options = options == null ? Map.of() : Map.copyOf(new TreeMap<>(options));
    }

    @Override
    public String toString() {
        return "CmsSourceChange[name=" + name + ", baseUrl=" + baseUrl + ", options=" + options + ", credential="
                + (credential == null ? "kept" : credential.isEmpty() ? "removed" : "(given)") + "]";
    }
}
