package org.portico.deeplink.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.keys.SigningKeys;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Issues access tokens in the JWT profile of RFC 9068: header {@code typ: at+jwt}, {@code alg} and {@code kid} of the
 * active key; claims {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat}, {@code nbf}, {@code jti},
 * {@code client_id}, {@code sid}, optionally {@code act}, and of {@code name}, {@code email}, {@code roles} only those
 * the app may receive (and the user has).
 *
 * <p>Thread-safe; create one per issuer and share it.
 */
public final class AccessTokenIssuer {

    private final SigningKeys keys;
    private final String issuer;
    private final Clock clock;

    /**
     * @param keys   the signing keys
     * @param issuer Portico's issuer identifier ({@code iss}), e.g. {@code https://portal.example}
     * @param clock  the time source
     */
    public AccessTokenIssuer(SigningKeys keys, String issuer, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token for {@code user} to present to {@code app}; see {@link #issue(AccessTokenRequest)}. */
    public AccessToken issue(UserIdentity user, AppRegistration app, String clientId, String sessionId) {
        return issue(AccessTokenRequest.of(user, app, clientId, sessionId));
    }

    /**
     * Issues a token valid for the app's token lifetime, or until {@link AccessTokenRequest#notAfter()} if earlier.
     *
     * @throws IllegalArgumentException when {@code notAfter} is not after now
     * @throws org.portico.deeplink.keys.KeySetupException when signing fails
     */
    public AccessToken issue(AccessTokenRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = now.plus(request.app().tokenLifetime());
        if (request.notAfter() != null) {
            Instant latest = request.notAfter().truncatedTo(ChronoUnit.SECONDS);
            if (!latest.isAfter(now)) {
                throw new IllegalArgumentException("notAfter must lie after now");
            }
            exp = exp.isAfter(latest) ? latest : exp;
        }
        String jti = TokenClaims.newJwtId();
        UserIdentity user = request.user();
        AppRegistration app = request.app();
        JWTClaimsSet.Builder claims = TokenClaims.forUser(issuer, user, app, now, exp)
                .notBeforeTime(Date.from(now))
                .jwtID(jti)
                .claim(TokenClaims.CLIENT_ID, request.clientId())
                .claim(TokenClaims.SID, request.sessionId());
        TokenClaims.addUserClaims(claims, user, app.allowedClaims());
        if (request.actor() != null) {
            claims.claim(TokenClaims.ACT, request.actor().toClaim());
        }
        String value = keys.sign(TokenClaims.AT_JWT, claims.build());
        return new AccessToken(value, jti, app.audience(), now, exp);
    }
}
