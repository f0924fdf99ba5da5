package org.portico.deeplink.oauth;

import java.util.Objects;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.token.AccessTokenVerifier;
import org.portico.deeplink.token.TokenRejectedException;
import org.portico.deeplink.token.VerifiedAccessToken;

import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;

import net.minidev.json.JSONObject;

/**
 * Token introspection (RFC 7662) for apps that prefer asking Portico to verifying tokens themselves.
 *
 * <p>The caller must be an authenticated app ({@link ClientAuthenticator}); a token is active only when it verifies
 * (signature, lifetime, not revoked) <em>and</em> its audience is the caller's, so an app cannot learn about tokens
 * meant for others. Every inactive token gets the same answer, {@code {"active": false}}. The answer is the OAuth 2.0
 * SDK's {@link TokenIntrospectionSuccessResponse} (RFC 7662 section 2.2); send it with {@code Cache-Control: no-store}.
 *
 * <p>Thread-safe. Never throws for any token.
 */
public final class Introspection {

    private final AccessTokenVerifier verifier;

    public Introspection(AccessTokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    private static final TokenIntrospectionSuccessResponse INACTIVE =
            new TokenIntrospectionSuccessResponse.Builder(false).build();

    /** The answer for every token that is not active, whatever the reason: nothing else is revealed. */
    public static TokenIntrospectionSuccessResponse inactive() {
        return INACTIVE;
    }

    /** The introspection answer for {@code token}, asked by {@code caller}: the token's claims when it is active. */
    public TokenIntrospectionSuccessResponse introspect(String token, AppRegistration caller) {
        VerifiedAccessToken verified;
        try {
            verified = verifier.verify(token, caller.audience());
        } catch (TokenRejectedException e) {
            return INACTIVE;
        }
        JSONObject claims = new JSONObject(verified.claims().toJSONObject());
        claims.put("active", true);
        claims.put("token_type", "Bearer");
        claims.put("username", verified.subject());
        return new TokenIntrospectionSuccessResponse(claims);
    }
}
