package org.portico.deeplink.link;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A link request bound to its route: every parameter checked and normalised, plus the one-time ticket and the
 * inbound signature if the link carried them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param params    normalised values by parameter name, in the route's declared order; absent optional parameters
 *                  are left out
 * @param ticket    the {@value LinkBinder#TICKET} value, or null
 * @param signature the {@value LinkBinder#SIGNATURE} value (a compact JWS), or null
 */
public record BoundLink(Map<String, String> params, String ticket, String signature) {

    public BoundLink {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
