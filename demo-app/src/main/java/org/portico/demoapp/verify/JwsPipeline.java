package org.portico.demoapp.verify;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

/**
 * What the link token and the access token verifiers share: Nimbus' {@link DefaultJWTProcessor} set up as a pipeline
 * (type check, {@link PorticoKeys} over Portico's cached JWKS, signature, claims), the parsing before it and the
 * translation of Nimbus' failures into a {@link Refusal} (the token) or a {@link PorticoUnavailableException} (our
 * side). Only the type and the claims differ between the two kinds of token. Stateless.
 */
final class JwsPipeline {

    /** Longest token accepted, in characters; longer input is refused before parsing. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    static final Duration JWKS_CACHE_TIME = Duration.ofMinutes(5);
    static final Duration JWKS_REFRESH_TIMEOUT = Duration.ofSeconds(15);

    private JwsPipeline() {
    }

    /**
     * Portico's JWKS over HTTP, cached for {@link #JWKS_CACHE_TIME} and fetched again when a token names an unknown
     * {@code kid} (which is how a key rotation reaches the app).
     */
    static JWKSource<VerificationContext> jwks(URI jwksUrl, ResourceRetriever http) {
        return JWKSourceBuilder.<VerificationContext>create(toUrl(jwksUrl), http)
                .cache(JWKS_CACHE_TIME.toMillis(), JWKS_REFRESH_TIMEOUT.toMillis())
                // A refresh ahead of expiry would start threads of Nimbus' own inside the application server.
                .refreshAheadCache(false)
                .build();
    }

    /** The pipeline for one kind of token; thread-safe once built. */
    static DefaultJWTProcessor<VerificationContext> processor(JOSEObjectTypeVerifier<VerificationContext> type,
                                                              JWKSource<VerificationContext> keys, String jwksUrl,
                                                              JWTClaimsSetVerifier<VerificationContext> claims) {
        DefaultJWTProcessor<VerificationContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(type);
        processor.setJWSKeySelector(new PorticoKeys(keys, jwksUrl));
        processor.setJWSVerifierFactory(new JdkEd25519.VerifierFactory());
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    /**
     * A compact JWS, not yet verified.
     *
     * @param kind    what the token is for people, e.g. "a link token"
     * @param missing what to say when there is no token at all
     * @throws Refusal when the token is missing, too long, no JWT, unsigned or encrypted
     */
    static SignedJWT parse(String token, String kind, String missing) throws Refusal {
        if (token == null || token.isBlank()) {
            throw new Refusal(Reason.MISSING, missing);
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new Refusal(Reason.MALFORMED, "The token is " + token.length() + " characters long; " + kind
                    + " has at most " + MAX_TOKEN_LENGTH + ".");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.strip());
        } catch (ParseException | RuntimeException e) {
            throw new Refusal(Reason.MALFORMED, "The token is not a JWT (three base64url parts"
                    + " separated by dots, with a JSON header and claims): " + e.getMessage() + ".");
        }
        if (jwt instanceof PlainJWT) {
            throw new Refusal(Reason.UNSUPPORTED_ALGORITHM, "The token is not signed (alg 'none');"
                    + " Portico signs its tokens with ES256, RS256 or EdDSA.");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new Refusal(Reason.UNSUPPORTED_ALGORITHM, "The token is encrypted (JWE); Portico's tokens are"
                    + " signed (JWS) with ES256, RS256 or EdDSA.");
        }
        return signed;
    }

    /**
     * Runs the pipeline.
     *
     * @throws Refusal                     when a stage refused the token; the reason says which
     * @throws PorticoUnavailableException when Portico's JWKS could not be fetched, so the token cannot be judged
     */
    static JWTClaimsSet process(DefaultJWTProcessor<VerificationContext> processor, SignedJWT jws, String jwksUrl)
            throws Refusal {
        VerificationContext context = new VerificationContext();
        try {
            return processor.process(jws, context);
        } catch (Refusal e) {
            throw e;
        } catch (BadJWSException e) {
            throw new Refusal(Reason.BAD_SIGNATURE, "The signature does not match Portico's key '"
                    + jws.getHeader().getKeyID() + "': the token was altered or not signed by Portico.");
        } catch (BadJOSEException e) {
            if (context.keyProblem != null) {
                throw context.keyProblem;
            }
            // The payload is no JSON object, or a registered claim (exp, aud...) has the wrong JSON type.
            throw new Refusal(Reason.MALFORMED, "The token's payload is not a valid set of claims: " + e.getMessage() + ".");
        } catch (KeySourceException e) {
            throw new PorticoUnavailableException("Could not fetch Portico's keys from " + jwksUrl + ": "
                    + PorticoUnavailableException.describe(e) + ". Is Portico running there?", e);
        } catch (JOSEException e) {
            // A signature value that cannot even be decoded for the algorithm (wrong length, bad DER).
            throw new Refusal(Reason.BAD_SIGNATURE, "The signature is not a valid "
                    + jws.getHeader().getAlgorithm() + " signature: " + e.getMessage() + ".");
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
