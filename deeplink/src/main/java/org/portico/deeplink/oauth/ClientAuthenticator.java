package org.portico.deeplink.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientAuthentication.PrivateKeyJwt;
import org.portico.deeplink.app.ClientSecret;
import org.portico.deeplink.oauth.OAuthError.Code;
import org.portico.deeplink.token.AccessTokenVerifier;
import org.portico.deeplink.token.ReplayGuard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Authenticates a client at the token endpoint (RFC 6749 section 2.3) with exactly one of
 * <ul>
 *   <li>{@code client_secret_basic}: {@code Authorization: Basic base64(urlencode(id):urlencode(secret))};</li>
 *   <li>{@code client_secret_post}: {@code client_id} and {@code client_secret} in the body;</li>
 *   <li>{@code private_key_jwt} (RFC 7523): {@code client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer}
 *   and a {@code client_assertion} signed (RS256, PS256, ES256) with a key from the app's JWKS, with
 *   {@code iss = sub = client_id}, {@code aud} = the token endpoint URL or the issuer, {@code exp} at most
 *   {@link #MAX_ASSERTION_LIFETIME} ahead, and a {@code jti} that is accepted once.</li>
 * </ul>
 * The method must be one the app is registered for. Unknown clients cost the same time as wrong secrets.
 *
 * <p>Secrets are stored as slow PBKDF2 hashes; to keep the endpoint fast, a secret that verified is remembered for
 * {@link #VERIFIED_SECRET_TTL} as an HMAC under a key that lives only in this JVM's memory, so a repeat costs one HMAC.
 *
 * <p>Thread-safe.
 *
 * @throws OAuthException from {@link #authenticate}: {@code invalid_client} when authentication fails,
 *                        {@code invalid_request} when several methods are used or a parameter repeats
 */
public final class ClientAuthenticator {

    /** The {@code client_assertion_type} of RFC 7523. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** Longest accepted distance between now and an assertion's {@code exp}. */
    public static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);
    /** How long a verified secret is remembered in memory. */
    public static final Duration VERIFIED_SECRET_TTL = Duration.ofMinutes(5);

    /** Algorithms accepted for JWTs an app signs with a key from its own JWKS (client assertions, inbound links). */
    public static final Set<JWSAlgorithm> ASSERTION_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    /** Clock skew tolerated on JWTs an app signs (client assertions, inbound links). */
    public static final Duration ASSERTION_SKEW = Duration.ofSeconds(30);

    private final AppDirectory apps;
    private final ClientJwkSources jwkSources;
    private final ReplayGuard replayGuard;
    private final Set<String> assertionAudiences;
    private final Clock clock;
    private final byte[] processKey = new byte[32];
    private final Cache<String, byte[]> verifiedSecrets;

    /**
     * @param apps          the app registry
     * @param jwkSources    public keys of private_key_jwt clients
     * @param replayGuard   remembers assertion ids
     * @param issuer        Portico's issuer identifier (accepted as assertion audience)
     * @param tokenEndpoint the token endpoint URL (accepted as assertion audience)
     * @param clock         the time source
     */
    public ClientAuthenticator(AppDirectory apps, ClientJwkSources jwkSources, ReplayGuard replayGuard, String issuer,
                               String tokenEndpoint, Clock clock) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.jwkSources = Objects.requireNonNull(jwkSources, "jwkSources");
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
        this.assertionAudiences = Set.of(Objects.requireNonNull(issuer, "issuer"),
                Objects.requireNonNull(tokenEndpoint, "tokenEndpoint"));
        this.clock = Objects.requireNonNull(clock, "clock");
        new SecureRandom().nextBytes(processKey);
        this.verifiedSecrets = Caffeine.newBuilder().expireAfterWrite(VERIFIED_SECRET_TTL).maximumSize(10_000).build();
    }

    /**
     * The authenticated client.
     *
     * @param authorizationHeader the {@code Authorization} header, or null
     * @param form                the request body
     * @throws OAuthException {@code invalid_client} or {@code invalid_request}; see the class description
     */
    public AppRegistration authenticate(String authorizationHeader, FormParameters form) {
        boolean basic = authorizationHeader != null
                && authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6);
        boolean post = form.find("client_secret").isPresent();
        boolean assertion = form.find("client_assertion").isPresent() || form.find("client_assertion_type").isPresent();
        int methods = (basic ? 1 : 0) + (post ? 1 : 0) + (assertion ? 1 : 0);
        if (methods > 1) {
            throw new OAuthException(Code.INVALID_REQUEST, "use exactly one client authentication method");
        }
        if (basic) {
            String[] credentials = basicCredentials(authorizationHeader.substring(6).trim());
            Optional<String> formId = form.find("client_id");
            if (formId.isPresent() && !formId.get().equals(credentials[0])) {
                throw failed();
            }
            return bySecret(credentials[0], credentials[1]);
        }
        if (post) {
            return bySecret(form.find("client_id").orElseThrow(ClientAuthenticator::failed), form.get("client_secret"));
        }
        if (assertion) {
            return byAssertion(form);
        }
        throw new OAuthException(Code.INVALID_CLIENT, "client authentication is required");
    }

    private static String[] basicCredentials(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw failed();
            }
            return new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw failed();
        }
    }

    private AppRegistration bySecret(String clientId, String secret) {
        Optional<AppRegistration> app = apps.findById(clientId);
        if (app.isEmpty() || !(app.get().clientAuthentication() instanceof ClientSecret stored)) {
            ClientSecret.matchesNothing(secret);
            throw failed();
        }
        String cacheKey = clientId + "\n" + stored.hash();
        byte[] mac = mac(cacheKey + "\n" + secret);
        byte[] remembered = verifiedSecrets.getIfPresent(cacheKey);
        if (remembered != null && MessageDigest.isEqual(remembered, mac)) {
            return app.get();
        }
        if (!stored.matches(secret)) {
            throw failed();
        }
        verifiedSecrets.put(cacheKey, mac);
        return app.get();
    }

    private AppRegistration byAssertion(FormParameters form) {
        if (!JWT_BEARER.equals(form.find("client_assertion_type").orElse(null))) {
            throw new OAuthException(Code.INVALID_CLIENT, "client_assertion_type must be " + JWT_BEARER);
        }
        String text = form.find("client_assertion").orElseThrow(ClientAuthenticator::failed);
        if (text.length() > AccessTokenVerifier.MAX_TOKEN_LENGTH) {
            throw failed();
        }
        SignedJWT jwt;
        String clientId;
        try {
            jwt = SignedJWT.parse(text);
            clientId = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw failed();
        }
        Optional<String> formId = form.find("client_id");
        if (clientId == null || formId.isPresent() && !formId.get().equals(clientId)) {
            throw failed();
        }
        AppRegistration app = apps.findById(clientId)
                .filter(a -> a.clientAuthentication() instanceof PrivateKeyJwt)
                .orElseThrow(ClientAuthenticator::failed);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ASSERTION_ALGORITHMS, jwkSources.forApp(app)));
        processor.setJWTClaimsSetVerifier(new AssertionClaims(clientId, assertionAudiences, clock));
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw failed();
        }
        Instant exp = claims.getExpirationTime().toInstant();
        if (exp.isAfter(clock.instant().plus(MAX_ASSERTION_LIFETIME).plus(ASSERTION_SKEW))) {
            throw new OAuthException(Code.INVALID_CLIENT, "client_assertion lives too long (exp at most 5 minutes ahead)");
        }
        if (!replayGuard.firstUse("client_assertion:" + clientId + ":" + claims.getJWTID(), exp.plus(ASSERTION_SKEW))) {
            throw new OAuthException(Code.INVALID_CLIENT, "client_assertion was already used");
        }
        return app;
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(processKey, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static OAuthException failed() {
        return new OAuthException(Code.INVALID_CLIENT, "client authentication failed");
    }

    /** RFC 7523 section 3: iss = sub = client_id, aud, exp, jti required; time from the injected clock. */
    private static final class AssertionClaims extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final Clock clock;

        AssertionClaims(String clientId, Set<String> audiences, Clock clock) {
            super(new HashSet<>(audiences),
                    new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).build(),
                    Set.of("exp", "jti"), null);
            setMaxClockSkew((int) ASSERTION_SKEW.toSeconds());
            this.clock = clock;
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
