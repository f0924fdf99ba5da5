package org.portico.demoapp.verify;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

/**
 * The claims of a link token whose signature checked out: all required claims present and of the right JSON type,
 * {@code iss} the expected issuer, {@code aud} this app, {@code exp} not passed and {@code iat}/{@code nbf} not in
 * the future, each with {@link #CLOCK_SKEW}. Nimbus' {@code DefaultJWTClaimsVerifier} does most of this too, but it
 * reads the system clock and tells its failures apart only by message text; this one takes a {@link Clock} and says
 * exactly what was wrong. Stateless and thread-safe.
 */
final class LinkClaimsVerifier implements JWTClaimsSetVerifier<LinkContext> {

    /** Tolerated difference between Portico's clock and ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

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
    public void verify(JWTClaimsSet claims, LinkContext context) throws BadJWTException {
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (claims.getClaim(name) == null) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new Refusal(Reason.MISSING_CLAIMS, "The token lacks " + String.join(", ", missing)
                    + "; a Portico link token has " + String.join(", ", REQUIRED) + ".");
        }
        checkShapes(claims);
        if (!issuer.equals(claims.getIssuer())) {
            throw new Refusal(Reason.WRONG_ISSUER, "The token was issued by '" + claims.getIssuer()
                    + "', but this app trusts '" + issuer + "' (the issuer in Portico's discovery document).");
        }
        if (!claims.getAudience().contains(audience)) {
            throw new Refusal(Reason.WRONG_AUDIENCE, "The token is for " + claims.getAudience()
                    + ", but this app's audience is '" + audience + "'.");
        }
        Instant now = clock.instant();
        Instant expiresAt = claims.getExpirationTime().toInstant();
        if (now.isAfter(expiresAt.plus(CLOCK_SKEW))) {
            throw new Refusal(Reason.EXPIRED, "The token expired at " + expiresAt + " (now " + now + ", "
                    + CLOCK_SKEW.toSeconds() + " s clock skew allowed). Links are short-lived: follow the link in Portico again.");
        }
        Instant issuedAt = claims.getIssueTime().toInstant();
        Date notBefore = claims.getNotBeforeTime();
        Instant earliest = notBefore == null || notBefore.toInstant().isBefore(issuedAt) ? issuedAt : notBefore.toInstant();
        if (earliest.isAfter(now.plus(CLOCK_SKEW))) {
            throw new Refusal(Reason.NOT_YET_VALID, "The token is valid only from " + earliest + " (now " + now + ", "
                    + CLOCK_SKEW.toSeconds() + " s clock skew allowed): the clocks of Portico and this app disagree.");
        }
    }

    /** Every claim the demo app reads must have the type the contract gives it (Nimbus' getters check). */
    private static void checkShapes(JWTClaimsSet claims) throws Refusal {
        for (String name : List.of("sub", "jti", "route", "name", "email")) {
            try {
                claims.getStringClaim(name);
            } catch (ParseException e) {
                throw wrongType(name, "a string");
            }
        }
        try {
            claims.getStringListClaim("roles");
        } catch (ParseException e) {
            throw wrongType("roles", "an array of strings");
        }
        Object params = claims.getClaim("params");
        if (params != null && !(params instanceof Map<?, ?> map && map.values().stream().allMatch(String.class::isInstance))) {
            throw wrongType("params", "a JSON object of strings, such as {\"id\": \"42\"}");
        }
    }

    private static Refusal wrongType(String claim, String expected) {
        return new Refusal(Reason.MALFORMED, "The token's claim '" + claim + "' must be " + expected + ".");
    }
}
