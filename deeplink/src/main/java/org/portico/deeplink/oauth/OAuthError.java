package org.portico.deeplink.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * An error response of the token endpoint (RFC 6749 section 5.2; {@code invalid_target} from RFC 8693/8707).
 *
 * <p>The description is a fixed sentence chosen by Portico: it never echoes a token, a secret or other request input,
 * so it is safe to send and to log.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code        the error code
 * @param description a human-readable, safe explanation
 */
public record OAuthError(Code code, String description) {

    /** The error codes Portico answers with, and their HTTP status. */
    public enum Code {
        /** Missing, repeated or unsupported parameter; malformed request. */
        INVALID_REQUEST("invalid_request", 400),
        /** Client authentication failed (unknown client, wrong secret, bad assertion, no or several methods). */
        INVALID_CLIENT("invalid_client", 401),
        /** The subject or actor token is invalid, expired, revoked or replayed. */
        INVALID_GRANT("invalid_grant", 400),
        /** The client may not use this grant type. */
        UNAUTHORIZED_CLIENT("unauthorized_client", 400),
        /** The grant type is not supported. */
        UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
        /** The requested audience or resource is unknown or not allowed for this client. */
        INVALID_TARGET("invalid_target", 400),
        /**
         * Too many failed client authentications from this address or for this client id: 429 with
         * {@code Retry-After}. The code is the one RFC 8628 registered for "slow down" at the token endpoint; not
         * {@code invalid_client}, which would tell a client with the right secret that its secret is wrong.
         */
        SLOW_DOWN("slow_down", 429);

        private final String value;
        private final int httpStatus;

        Code(String value, int httpStatus) {
            this.value = value;
            this.httpStatus = httpStatus;
        }

        /** The {@code error} value on the wire. */
        public String value() {
            return value;
        }

        /**
         * The HTTP status: 400, or 401 for {@code invalid_client} (the response then needs a
         * {@code WWW-Authenticate: Basic realm="portico"} header when the client tried HTTP Basic).
         */
        public int httpStatus() {
            return httpStatus;
        }
    }

    public OAuthError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
    }

    /** The JSON body: {@code {"error": "...", "error_description": "..."}}. */
    public String toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code.value());
        body.put("error_description", description);
        return JSONObjectUtils.toJSONString(body);
    }
}
