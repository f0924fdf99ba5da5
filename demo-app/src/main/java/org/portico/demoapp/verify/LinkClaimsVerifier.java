package org.portico.demoapp.verify;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

/**
 * The claims of a link token whose signature checked out: all required claims present and of the right JSON type,
 * {@code iss} the expected issuer, {@code aud} this app, {@code exp} not passed and {@code iat}/{@code nbf} not in
 * the future, each with {@link ClaimChecks#CLOCK_SKEW}. Stateless and thread-safe.
 */
final class LinkClaimsVerifier implements JWTClaimsSetVerifier<VerificationContext> {

    static final List<String> REQUIRED = List.of("sub", "jti", "route", "exp", "iat");

    private final String issuer;
    private final String audience;
    private final Clock clock;

    LinkClaimsVerifier(String issuer, String audience, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    @Override
    public void verify(JWTClaimsSet claims, VerificationContext context) throws BadJWTException {
        ClaimChecks.required(claims, REQUIRED, "a Portico link token");
        ClaimChecks.shapes(claims, List.of("sub", "jti", "route", "name", "email"));
        Object params = claims.getClaim("params");
        if (params != null && !(params instanceof Map<?, ?> map && map.values().stream().allMatch(String.class::isInstance))) {
            throw ClaimChecks.wrongType("params", "a JSON object of strings, such as {\"id\": \"42\"}");
        }
        ClaimChecks.issuerAndAudience(claims, issuer, audience);
        ClaimChecks.lifetime(claims, clock.instant(), "Links are short-lived: follow the link in Portico again.");
    }
}
