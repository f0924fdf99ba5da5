package org.portico.deeplink.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * A successful token exchange response (RFC 8693 section 2.2.1). Send {@link #toJson()} with
 * {@code Cache-Control: no-store}.
 *
 * <p>Immutable and thread-safe; {@link #toString()} leaves the token out.
 *
 * @param accessToken     the issued token
 * @param issuedTokenType its type URN
 * @param tokenType       {@code Bearer}
 * @param expiresIn       its lifetime in seconds
 */
public record TokenExchangeResponse(String accessToken, String issuedTokenType, String tokenType, long expiresIn) {

    /** The JSON body. */
    public String toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("issued_token_type", issuedTokenType);
        body.put("token_type", tokenType);
        body.put("expires_in", expiresIn);
        return JSONObjectUtils.toJSONString(body);
    }

    @Override
    public String toString() {
        return "TokenExchangeResponse[issuedTokenType=" + issuedTokenType + ", expiresIn=" + expiresIn + "]";
    }
}
