package org.portico.demoapp.verify;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;

import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

/**
 * The claim checks that link tokens and access tokens share: required claims, their JSON types, issuer, audience and
 * lifetime with {@link #CLOCK_SKEW}. Nimbus' {@code DefaultJWTClaimsVerifier} does most of this too, but it reads the
 * system clock and tells its failures apart only by message text; these take the time and say exactly what was wrong.
 * Stateless.
 */
final class ClaimChecks {

    /** Tolerated difference between Portico's clock and ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private ClaimChecks() {
    }

    /** @param kind e.g. "a Portico link token", for the message */
    static void required(JWTClaimsSet claims, List<String> names, String kind) throws Refusal {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (claims.getClaim(name) == null) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new Refusal(Reason.MISSING_CLAIMS, "The token lacks " + String.join(", ", missing)
                    + "; " + kind + " has " + String.join(", ", names) + ".");
        }
    }

    /** Each named claim, when present, is a JSON string; {@code roles}, when present, an array of strings. */
    static void shapes(JWTClaimsSet claims, List<String> strings) throws Refusal {
        for (String name : strings) {
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
    }

    static Refusal wrongType(String claim, String expected) {
        return new Refusal(Reason.MALFORMED, "The token's claim '" + claim + "' must be " + expected + ".");
    }

    /** {@code iss} is exactly the trusted issuer and {@code aud} names this app. */
    static void issuerAndAudience(JWTClaimsSet claims, String issuer, String audience) throws Refusal {
        if (!issuer.equals(claims.getIssuer())) {
            throw new Refusal(Reason.WRONG_ISSUER, "The token was issued by '" + claims.getIssuer()
                    + "', but this app trusts '" + issuer + "' (the issuer in Portico's discovery document).");
        }
        if (!claims.getAudience().contains(audience)) {
            throw new Refusal(Reason.WRONG_AUDIENCE, "The token is for " + claims.getAudience()
                    + ", but this app's audience is '" + audience + "'.");
        }
    }

    /**
     * {@code exp} has not passed and the later of {@code iat} and {@code nbf} has come, both with the skew.
     *
     * @param whenExpired what the user can do about an expired token
     */
    static void lifetime(JWTClaimsSet claims, Instant now, String whenExpired) throws Refusal {
        Instant expiresAt = claims.getExpirationTime().toInstant();
        if (now.isAfter(expiresAt.plus(CLOCK_SKEW))) {
            throw new Refusal(Reason.EXPIRED, "The token expired at " + expiresAt + " (now " + now + ", "
                    + CLOCK_SKEW.toSeconds() + " s clock skew allowed). " + whenExpired);
        }
        Instant issuedAt = claims.getIssueTime().toInstant();
        Date notBefore = claims.getNotBeforeTime();
        Instant earliest = notBefore == null || notBefore.toInstant().isBefore(issuedAt) ? issuedAt : notBefore.toInstant();
        if (earliest.isAfter(now.plus(CLOCK_SKEW))) {
            throw new Refusal(Reason.NOT_YET_VALID, "The token is valid only from " + earliest + " (now " + now + ", "
                    + CLOCK_SKEW.toSeconds() + " s clock skew allowed): the clocks of Portico and this app disagree.");
        }
    }
}
