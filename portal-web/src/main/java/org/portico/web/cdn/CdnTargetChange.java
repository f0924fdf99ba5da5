package org.portico.web.cdn;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an admin sends to add or change a purge target. Immutable.
 *
 * @param credential the API token or key pair: null keeps the stored one, empty removes it
 */
public record CdnTargetChange(String name, String endpoint, Map<String, String> options, String credential,
                              boolean enabled) {

    public CdnTargetChange {
        options = options == null ? Map.of() : Map.copyOf(new TreeMap<>(options));
    }

    @Override
    public String toString() {
        return "CdnTargetChange[name=" + name + ", endpoint=" + endpoint + ", options=" + options + ", enabled="
                + enabled + ", credential=" + (credential == null ? "kept" : credential.isEmpty() ? "removed" : "(given)")
                + "]";
    }
}
