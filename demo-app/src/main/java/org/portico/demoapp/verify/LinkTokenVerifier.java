package org.portico.demoapp.verify;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

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
    public static final int MAX_TOKEN_LENGTH = JwsPipeline.MAX_TOKEN_LENGTH;

    private final DefaultJWTProcessor<VerificationContext> processor;
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
        this(issuer, audience, jwksUrl.toString(), JwsPipeline.jwks(jwksUrl, http), clock);
    }

    /** Shares the JWKS cache of {@code keys} (one per Portico) with the access token verifier. */
    LinkTokenVerifier(String issuer, String audience, String jwksUrl, JWKSource<VerificationContext> keys, Clock clock) {
        this.audience = Objects.requireNonNull(audience, "audience");
        this.jwksUrl = jwksUrl;
        this.processor = JwsPipeline.processor(new LinkTokenType(), keys, jwksUrl, new LinkClaimsVerifier(
                Objects.requireNonNull(issuer, "issuer"), audience, Objects.requireNonNull(clock, "clock")));
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
        try {
            SignedJWT jws = JwsPipeline.parse(token, "a link token",
                    "No Portico token: open this app through a Portico link.");
            return toLinkToken(JwsPipeline.process(processor, jws, jwksUrl), jws);
        } catch (Refusal e) {
            throw e.toRejection();
        }
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
}
