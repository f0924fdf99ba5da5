package org.portico.demoapp.verify;

import java.time.Clock;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

/**
 * The claims of an access token whose signature checked out (RFC 9068 section 4): the required claims present and of
 * the right JSON type, {@code iss} the expected issuer, {@code aud} this app, {@code exp} not passed and
 * {@code iat}/{@code nbf} not in the future, each with {@link ClaimChecks#CLOCK_SKEW}. Stateless and thread-safe.
 */
final class AccessClaimsVerifier implements JWTClaimsSetVerifier<VerificationContext> {

    /** RFC 9068's required claims besides {@code iss} and {@code aud}, which have checks of their own. */
    static final List<String> REQUIRED = List.of("sub", "jti", "client_id", "exp", "iat");

    private final String issuer;
    private final String audience;
    private final Clock clock;

    AccessClaimsVerifier(String issuer, String audience, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    @Override
    public void verify(JWTClaimsSet claims, VerificationContext context) throws BadJWTException {
        ClaimChecks.required(claims, REQUIRED, "a Portico access token");
        ClaimChecks.shapes(claims, List.of("sub", "jti", "client_id", "sid", "name", "email"));
        ClaimChecks.issuerAndAudience(claims, issuer, audience);
        ClaimChecks.lifetime(claims, clock.instant(), "Access tokens are short-lived: ask Portico for a new one.");
    }
}
