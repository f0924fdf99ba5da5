package org.portico.deeplink.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

import org.portico.deeplink.oauth.OAuthError.Code;

/**
 * A token exchange request (RFC 8693 section 2.1), checked for form: grant type, required parameters, supported token
 * types, actor token with its type, absolute resource URIs. Policy (which client may obtain what) is
 * {@link TokenExchange}'s business.
 *
 * <p>Immutable and thread-safe. {@link #toString()} leaves the tokens out.
 *
 * @param subjectToken       the Portico access token of the user
 * @param subjectTokenType   its type URN
 * @param actorToken         the Portico access token of the acting party, or null
 * @param actorTokenType     its type URN, or null
 * @param audiences          {@code audience} values (may be empty)
 * @param resources          {@code resource} values (may be empty)
 * @param requestedTokenType the requested type URN ({@link #ACCESS_TOKEN_TYPE} when absent)
 * @param scope              {@code scope}, or null; Portico tokens carry no scopes, so it is not used
 */
public record TokenExchangeRequest(String subjectToken, String subjectTokenType, String actorToken,
                                   String actorTokenType, List<String> audiences, List<String> resources,
                                   String requestedTokenType, String scope) {

    /** {@code grant_type} of token exchange. */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    /** Token type URN of an OAuth access token. */
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** Token type URN of a JWT. */
    public static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";

    private static final Set<String> SUPPORTED_TYPES = Set.of(ACCESS_TOKEN_TYPE, JWT_TYPE);

    public TokenExchangeRequest {
        audiences = List.copyOf(audiences);
        resources = List.copyOf(resources);
    }

    /**
     * Reads and checks a token endpoint request body.
     *
     * @throws OAuthException {@code unsupported_grant_type} for another grant type; {@code invalid_request} for
     *                        missing, repeated or unsupported parameters; {@code invalid_target} for a resource that
     *                        is not an absolute URI without fragment
     */
    public static TokenExchangeRequest from(FormParameters form) {
        String grantType = form.get("grant_type");
        if (!GRANT_TYPE.equals(grantType)) {
            throw new OAuthException(Code.UNSUPPORTED_GRANT_TYPE, "grant_type must be " + GRANT_TYPE);
        }
        String subjectToken = form.get("subject_token");
        String subjectTokenType = form.get("subject_token_type");
        if (!SUPPORTED_TYPES.contains(subjectTokenType)) {
            throw new OAuthException(Code.INVALID_REQUEST,
                    "subject_token_type must be " + ACCESS_TOKEN_TYPE + " or " + JWT_TYPE);
        }
        String actorToken = form.find("actor_token").orElse(null);
        String actorTokenType = form.find("actor_token_type").orElse(null);
        if (actorToken != null && actorTokenType == null) {
            throw new OAuthException(Code.INVALID_REQUEST, "actor_token_type is required with actor_token");
        }
        if (actorToken == null && actorTokenType != null) {
            throw new OAuthException(Code.INVALID_REQUEST, "actor_token_type must not be sent without actor_token");
        }
        if (actorTokenType != null && !SUPPORTED_TYPES.contains(actorTokenType)) {
            throw new OAuthException(Code.INVALID_REQUEST,
                    "actor_token_type must be " + ACCESS_TOKEN_TYPE + " or " + JWT_TYPE);
        }
        String requested = form.find("requested_token_type").orElse(ACCESS_TOKEN_TYPE);
        if (!SUPPORTED_TYPES.contains(requested)) {
            throw new OAuthException(Code.INVALID_REQUEST,
                    "requested_token_type must be " + ACCESS_TOKEN_TYPE + " or " + JWT_TYPE);
        }
        List<String> resources = form.all("resource");
        for (String resource : resources) {
            if (!isAbsoluteWithoutFragment(resource)) {
                throw new OAuthException(Code.INVALID_TARGET, "resource must be an absolute URI without fragment");
            }
        }
        return new TokenExchangeRequest(subjectToken, subjectTokenType, actorToken, actorTokenType,
                form.all("audience"), resources, requested, form.find("scope").orElse(null));
    }

    private static boolean isAbsoluteWithoutFragment(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "TokenExchangeRequest[audiences=" + audiences + ", resources=" + resources + ", actor="
                + (actorToken != null) + ", requestedTokenType=" + requestedTokenType + "]";
    }
}
