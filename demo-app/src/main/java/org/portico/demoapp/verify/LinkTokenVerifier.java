package org.portico.demoapp.verify;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

/**
 * Verifies Portico link tokens the way any app behind Portico can: Nimbus' {@link DefaultJWTProcessor} configured as
 * a pipeline of
 * <ol>
 *   <li>a type check: {@code typ} must be {@code link+jwt}, so Portico's access tokens ({@code at+jwt}, signed with
 *   the same keys) are refused;</li>
 *   <li>a key selector over Portico's JWKS, fetched over HTTP and cached ({@link JWKSourceBuilder}: five minutes,
 *   fetched again when a token names an unknown {@code kid}, which is how a key rotation reaches us), for ES256,
 *   RS256 and EdDSA only, so {@code alg: none} and HMAC never reach a signature check;</li>
 *   <li>the signature check;</li>
 *   <li>the claims check: {@code iss}, {@code aud}, required {@code sub jti route exp iat}, times with a 60 s clock
 *   skew.</li>
 * </ol>
 * Thread-safe; create one per Portico and audience and share it (it holds the JWKS cache).
 */
public final class LinkTokenVerifier {

    /** Longest token accepted, in characters; longer input is refused before parsing. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    static final Duration JWKS_CACHE_TIME = Duration.ofMinutes(5);
    static final Duration JWKS_REFRESH_TIMEOUT = Duration.ofSeconds(15);

    private final DefaultJWTProcessor<LinkContext> processor = new DefaultJWTProcessor<>();
    private final String jwksUrl;
    private final String audience;

    /**
     * @param issuer   the only accepted {@code iss}: the issuer Portico's discovery document states
     * @param audience this app's audience, as registered in Portico
     * @param jwksUrl  Portico's JWKS, an absolute http(s) URL
     * @param http     fetches the JWKS (timeouts and size limit are its business)
     * @param clock    the time source for {@code exp}, {@code iat} and {@code nbf}
     */
    public LinkTokenVerifier(String issuer, String audience, URI jwksUrl, ResourceRetriever http, Clock clock) {
        this.audience = Objects.requireNonNull(audience, "audience");
        this.jwksUrl = jwksUrl.toString();
        JWKSource<LinkContext> keys = JWKSourceBuilder.<LinkContext>create(toUrl(jwksUrl), http)
                .cache(JWKS_CACHE_TIME.toMillis(), JWKS_REFRESH_TIMEOUT.toMillis())
                // A refresh ahead of expiry would start threads of Nimbus' own inside the application server.
                .refreshAheadCache(false)
                .build();
        processor.setJWSTypeVerifier(new LinkTokenType());
        processor.setJWSKeySelector(new PorticoKeys(keys, this.jwksUrl));
        processor.setJWSVerifierFactory(new JdkEd25519.VerifierFactory());
        processor.setJWTClaimsSetVerifier(new LinkClaimsVerifier(Objects.requireNonNull(issuer, "issuer"), audience,
                Objects.requireNonNull(clock, "clock")));
    }

    /** The audience tokens must name. */
    public String audience() {
        return audience;
    }

    /**
     * Verifies a link token.
     *
     * @param token the compact JWS from the link; null or blank when the link carried none
     * @throws LinkTokenRejectedException   when it is no valid, current Portico link token for this app (the reason says
     *                                      which check failed)
     * @throws PorticoUnavailableException when Portico's JWKS could not be fetched, so the token cannot be judged
     */
    public LinkToken verify(String token) {
        SignedJWT jws = parse(token);
        LinkContext context = new LinkContext();
        JWTClaimsSet claims;
        try {
            claims = processor.process(jws, context);
        } catch (Refusal e) {
            throw e.toRejection();
        } catch (BadJWSException e) {
            throw new LinkTokenRejectedException(Reason.BAD_SIGNATURE, "The signature does not match Portico's key '"
                    + jws.getHeader().getKeyID() + "': the token was altered or not signed by Portico.");
        } catch (BadJOSEException e) {
            if (context.keyProblem != null) {
                throw context.keyProblem.toRejection();
            }
            // The payload is no JSON object, or a registered claim (exp, aud...) has the wrong JSON type.
            throw new LinkTokenRejectedException(Reason.MALFORMED, "The token's payload is not a valid set of claims: "
                    + e.getMessage() + ".");
        } catch (KeySourceException e) {
            throw new PorticoUnavailableException("Could not fetch Portico's keys from " + jwksUrl + ": "
                    + PorticoUnavailableException.describe(e) + ". Is Portico running there?", e);
        } catch (JOSEException e) {
            // A signature value that cannot even be decoded for the algorithm (wrong length, bad DER).
            throw new LinkTokenRejectedException(Reason.BAD_SIGNATURE, "The signature is not a valid "
                    + jws.getHeader().getAlgorithm() + " signature: " + e.getMessage() + ".");
        }
        return toLinkToken(claims, jws);
    }

    private static SignedJWT parse(String token) {
        if (token == null || token.isBlank()) {
            throw new LinkTokenRejectedException(Reason.MISSING, "No Portico token: open this app through a Portico link.");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new LinkTokenRejectedException(Reason.MALFORMED, "The token is " + token.length()
                    + " characters long; a link token has at most " + MAX_TOKEN_LENGTH + ".");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.strip());
        } catch (ParseException | RuntimeException e) {
            throw new LinkTokenRejectedException(Reason.MALFORMED, "The token is not a JWT (three base64url parts"
                    + " separated by dots, with a JSON header and claims): " + e.getMessage() + ".");
        }
        if (jwt instanceof PlainJWT) {
            throw new LinkTokenRejectedException(Reason.UNSUPPORTED_ALGORITHM, "The token is not signed (alg 'none');"
                    + " Portico signs link tokens with ES256, RS256 or EdDSA.");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new LinkTokenRejectedException(Reason.UNSUPPORTED_ALGORITHM, "The token is encrypted (JWE); Portico"
                    + " link tokens are signed (JWS) with ES256, RS256 or EdDSA.");
        }
        return signed;
    }

    private LinkToken toLinkToken(JWTClaimsSet claims, SignedJWT jws) {
        try {
            Map<String, String> params = new LinkedHashMap<>();
            Map<String, Object> raw = claims.getJSONObjectClaim("params");
            if (raw != null) {
                raw.forEach((name, value) -> params.put(name, (String) value));
            }
            List<String> roles = claims.getStringListClaim("roles");
            return new LinkToken(claims.getSubject(), Optional.ofNullable(claims.getStringClaim("name")),
                    Optional.ofNullable(claims.getStringClaim("email")), roles == null ? List.of() : roles,
                    claims.getStringClaim("route"), params, claims.getJWTID(), claims.getIssueTime().toInstant(),
                    claims.getExpirationTime().toInstant(), claims.getIssuer(), claims.getAudience(),
                    jws.getHeader().getKeyID(), jws.getHeader().getAlgorithm().getName());
        } catch (ParseException e) {
            // LinkClaimsVerifier has checked every type already.
            throw new IllegalStateException("Claims passed the checks but cannot be read: " + e.getMessage(), e);
        }
    }

    private static URL toUrl(URI jwksUrl) {
        try {
            return jwksUrl.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The JWKS location must be an absolute http(s) URL, got '" + jwksUrl + "'", e);
        }
    }
}
