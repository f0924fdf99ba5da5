package org.portico.deeplink.oauth;

import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * An introspection response (RFC 7662 section 2.2): {@code {"active": false}} or the token's claims with
 * {@code "active": true}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param active whether the token is active
 * @param claims the members of the response, {@code active} included
 */
public record IntrospectionResponse(boolean active, Map<String, Object> claims) {

    private static final IntrospectionResponse INACTIVE = new IntrospectionResponse(false, Map.of("active", false));

    public IntrospectionResponse {
        claims = Map.copyOf(claims);
    }

    /** The answer for every token that is not active, whatever the reason: nothing else is revealed. */
    public static IntrospectionResponse inactive() {
        return INACTIVE;
    }

    /** The JSON body. */
    public String toJson() {
        return JSONObjectUtils.toJSONString(claims);
    }
}
