package org.portico.demoapp.verify;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies the bearer tokens of the app's API: Portico's RFC 9068 access tokens, as a Portico pane hands them to the
 * framed page or a data tile sends them. The same pipeline as {@link LinkTokenVerifier} (Nimbus'
 * {@link DefaultJWTProcessor} over Portico's cached JWKS, ES256, RS256 and EdDSA only) with two other stages:
 * <ol>
 *   <li>the type: {@code typ} must be {@code at+jwt}, so a link token ({@code link+jwt}) opens no API;</li>
 *   <li>the claims: {@code iss}, {@code aud}, required {@code sub jti client_id exp iat}, times with a 60 s clock
 *   skew.</li>
 * </ol>
 * Thread-safe; create one per Portico and audience and share it (it holds the JWKS cache).
 */
public final class AccessTokenVerifier {

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
    public AccessTokenVerifier(String issuer, String audience, URI jwksUrl, ResourceRetriever http, Clock clock) {
        this(issuer, audience, jwksUrl.toString(), JwsPipeline.jwks(jwksUrl, http), clock);
    }

    /** Shares the JWKS cache of {@code keys} (one per Portico) with the link token verifier. */
    AccessTokenVerifier(String issuer, String audience, String jwksUrl, JWKSource<VerificationContext> keys, Clock clock) {
        this.audience = Objects.requireNonNull(audience, "audience");
        this.jwksUrl = jwksUrl;
        this.processor = JwsPipeline.processor(new AccessTokenType(), keys, jwksUrl, new AccessClaimsVerifier(
                Objects.requireNonNull(issuer, "issuer"), audience, Objects.requireNonNull(clock, "clock")));
    }

    /** The audience tokens must name. */
    public String audience() {
        return audience;
    }

    /**
     * Verifies an access token.
     *
     * @param token the compact JWS from the {@code Authorization: Bearer} header; null or blank when there was none
     * @throws AccessTokenRejectedException when it is no valid, current Portico access token for this app (the reason
     *                                      says which check failed)
     * @throws PorticoUnavailableException  when Portico's JWKS could not be fetched, so the token cannot be judged
     */
    public AccessToken verify(String token) {
        try {
            SignedJWT jws = JwsPipeline.parse(token, "an access token",
                    "No access token: send Portico's access token for this app as Authorization: Bearer <token>.");
            return toAccessToken(JwsPipeline.process(processor, jws, jwksUrl), jws);
        } catch (Refusal e) {
            throw e.toAccessTokenRejection();
        }
    }

    private static AccessToken toAccessToken(JWTClaimsSet claims, SignedJWT jws) {
        try {
            List<String> roles = claims.getStringListClaim("roles");
            return new AccessToken(claims.getSubject(), Optional.ofNullable(claims.getStringClaim("name")),
                    Optional.ofNullable(claims.getStringClaim("email")), roles == null ? List.of() : roles,
                    claims.getStringClaim("client_id"), claims.getJWTID(), claims.getIssueTime().toInstant(),
                    claims.getExpirationTime().toInstant(), claims.getIssuer(), claims.getAudience(),
                    jws.getHeader().getKeyID(), jws.getHeader().getAlgorithm().getName());
        } catch (ParseException e) {
            // AccessClaimsVerifier has checked every type already.
            throw new IllegalStateException("Claims passed the checks but cannot be read: " + e.getMessage(), e);
        }
    }
}
