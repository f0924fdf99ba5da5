package org.portico.web.security.oidc;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;

/**
 * One login sent to the provider and not yet back: the values that bind the provider's answer to this browser
 * session. {@code state} finds it again (and defeats forged callbacks), {@code nonce} ties the ID token to it, the
 * PKCE verifier proves to the token endpoint that the code is redeemed by whoever asked for it.
 *
 * @param continueTo a local path to go to after the login (already checked by RedirectGuard), or {@code null}
 */
public record PendingLogin(String state, String nonce, String codeVerifier, String continueTo, Instant startedAt)
        implements Serializable {

    /** How long a user may take at the provider's login page. */
    public static final Duration MAX_AGE = Duration.ofMinutes(10);

    /** A new login with fresh random state, nonce and PKCE verifier (Nimbus, SecureRandom). */
    public static PendingLogin start(String continueTo, Instant now) {
        return new PendingLogin(new State().getValue(), new Nonce().getValue(), new CodeVerifier().getValue(),
                continueTo, now);
    }

    public boolean isExpired(Instant now) {
        return startedAt.plus(MAX_AGE).isBefore(now);
    }

    public Optional<String> findContinueTo() {
        return Optional.ofNullable(continueTo);
    }
}
