package org.portico.deeplink.oauth;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.token.AccessTokenVerifier;
import org.portico.deeplink.token.TokenRejectedException;
import org.portico.deeplink.token.VerifiedAccessToken;

/**
 * Token introspection (RFC 7662) for apps that prefer asking Portico to verifying tokens themselves.
 *
 * <p>The caller must be an authenticated app ({@link ClientAuthenticator}); a token is active only when it verifies
 * (signature, lifetime, not revoked) <em>and</em> its audience is the caller's, so an app cannot learn about tokens
 * meant for others. Every inactive token gets the same answer.
 *
 * <p>Thread-safe. Never throws for any token.
 */
public final class Introspection {

    private final AccessTokenVerifier verifier;

    public Introspection(AccessTokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** The introspection answer for {@code token}, asked by {@code caller}. */
    public IntrospectionResponse introspect(String token, AppRegistration caller) {
        VerifiedAccessToken verified;
        try {
            verified = verifier.verify(token, caller.audience());
        } catch (TokenRejectedException e) {
            return IntrospectionResponse.inactive();
        }
        Map<String, Object> claims = new HashMap<>(verified.claims().toJSONObject());
        claims.put("active", true);
        claims.put("token_type", "Bearer");
        claims.put("username", verified.subject());
        return new IntrospectionResponse(true, claims);
    }
}
