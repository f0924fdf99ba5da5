package org.portico.deeplink.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientAuthentication.PrivateKeyJwt;
import org.portico.deeplink.app.ClientSecret;
import org.portico.deeplink.app.ClientSecretHasher;
import org.portico.deeplink.app.ClientSecretUpgrades;
import org.portico.deeplink.throttle.FailureThrottle;
import org.portico.deeplink.throttle.InMemoryThrottleStore;
import org.portico.deeplink.throttle.ThrottleStore;
import org.portico.deeplink.token.AccessTokenVerifier;
import org.portico.deeplink.token.ReplayGuard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;

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
 * <p>Each method is read by the OAuth 2.0 SDK ({@link ClientSecretBasic}, {@link ClientSecretPost},
 * {@link PrivateKeyJWT}); which one applies is decided here, because the SDK's own choice would quietly prefer Basic
 * over a second method in the body, pass a lone {@code client_assertion} as no authentication at all, and ignore a
 * {@code client_id} in the body that names another client. A malformed {@code Authorization: Basic} header is a
 * failed authentication ({@code invalid_client}, counted by the throttle), not the SDK's {@code invalid_request}.
 *
 * <p>Secrets are checked by {@link ClientSecretHasher}: one HMAC. A legacy PBKDF2 hash is checked once more the slow
 * way and, when the secret matched, handed to {@link ClientSecretUpgrades} to be stored in the fast form.
 *
 * <p>Failed authentications ({@code invalid_client}) are throttled per client address and per claimed client id
 * ({@link FailureThrottle}; {@value #ADDRESS_FREE_ATTEMPTS} and {@value #CLIENT_FREE_ATTEMPTS} free failures within
 * {@link #THROTTLE_WINDOW}, then a lock of {@link #FIRST_LOCK} doubling up to {@link #MAX_LOCK}), answered with
 * {@code slow_down} (429, {@link OAuthException#retryAfter()}). The counts live in a {@link ThrottleStore}: in memory
 * unless one is given; Portico gives one in its shared database, which makes the throttle cluster-wide:
 * <ul>
 *   <li>a locked address is refused before any work;</li>
 *   <li>a locked client id is refused before a slow (legacy PBKDF2) check, and any failure of it is answered with
 *   {@code slow_down}; a correct secret in the fast form or a valid assertion still passes, so a stranger who knows an
 *   app's (public) client id cannot lock the app out.</li>
 * </ul>
 *
 * <p>Thread-safe.
 *
 * @throws OAuthException from {@link #authenticate}: {@code invalid_client} when authentication fails,
 *                        {@code invalid_request} when several methods are used or a parameter repeats,
 *                        {@code slow_down} when throttled
 */
public final class ClientAuthenticator {

    /** The {@code client_assertion_type} of RFC 7523. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** Longest accepted distance between now and an assertion's {@code exp}. */
    public static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);

    /** Algorithms accepted for JWTs an app signs with a key from its own JWKS (client assertions, inbound links). */
    public static final Set<JWSAlgorithm> ASSERTION_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    /** Clock skew tolerated on JWTs an app signs (client assertions, inbound links). */
    public static final Duration ASSERTION_SKEW = Duration.ofSeconds(30);

    /** Failed authentications per claimed client id before it is locked. */
    public static final int CLIENT_FREE_ATTEMPTS = 10;
    /** Failed authentications per client address before it is locked (many apps may share a proxy). */
    public static final int ADDRESS_FREE_ATTEMPTS = 50;
    /** How long failures are counted. */
    public static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);
    /** The first lock; every further failure doubles it. */
    public static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    /** The longest lock. */
    public static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** Longest client id worth looking up and counting (app ids have at most 63 characters). */
    static final int MAX_CLIENT_ID_LENGTH = 128;
    /** Most client ids and addresses whose failures are remembered at once. */
    static final int THROTTLE_KEYS = 100_000;

    private final AppDirectory apps;
    private final ClientJwkSources jwkSources;
    private final ReplayGuard replayGuard;
    private final ClientSecretHasher secrets;
    private final ClientSecretUpgrades upgrades;
    private final Set<String> assertionAudiences;
    private final Clock clock;
    private final FailureThrottle throttle;

    /**
     * @param apps          the app registry
     * @param jwkSources    public keys of private_key_jwt clients
     * @param replayGuard   remembers assertion ids
     * @param secrets       checks client secrets
     * @param upgrades      stores a legacy secret hash in the current form after a successful check
     * @param issuer        Portico's issuer identifier (accepted as assertion audience)
     * @param tokenEndpoint the token endpoint URL (accepted as assertion audience)
     * @param clock         the time source
     */
    public ClientAuthenticator(AppDirectory apps, ClientJwkSources jwkSources, ReplayGuard replayGuard,
                               ClientSecretHasher secrets, ClientSecretUpgrades upgrades, String issuer,
                               String tokenEndpoint, Clock clock) {
        this(apps, jwkSources, replayGuard, secrets, upgrades, issuer, tokenEndpoint, clock,
                new InMemoryThrottleStore(clock, THROTTLE_WINDOW.plus(MAX_LOCK), THROTTLE_KEYS));
    }

    /**
     * As above, with the throttle's counts in {@code throttleStore}: a store shared by the nodes of a cluster makes
     * the throttle cluster-wide.
     */
    public ClientAuthenticator(AppDirectory apps, ClientJwkSources jwkSources, ReplayGuard replayGuard,
                               ClientSecretHasher secrets, ClientSecretUpgrades upgrades, String issuer,
                               String tokenEndpoint, Clock clock, ThrottleStore throttleStore) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.jwkSources = Objects.requireNonNull(jwkSources, "jwkSources");
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.upgrades = Objects.requireNonNull(upgrades, "upgrades");
        this.assertionAudiences = Set.of(Objects.requireNonNull(issuer, "issuer"),
                Objects.requireNonNull(tokenEndpoint, "tokenEndpoint"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.throttle = new FailureThrottle(clock, THROTTLE_WINDOW, FIRST_LOCK, MAX_LOCK, throttleStore);
    }

    /** What the request presents: the client id it claims and how it proves it. */
    private record Presented(String clientId, String secret, SignedJWT assertion) {
    }

    /**
     * The authenticated client.
     *
     * @param authorizationHeader the {@code Authorization} header, or null
     * @param form                the request body ({@link OAuthForms#parse})
     * @param address             the client's address (for the throttle)
     * @throws OAuthException {@code invalid_client}, {@code invalid_request} or {@code slow_down}; see the class
     *                        description
     */
    public AppRegistration authenticate(String authorizationHeader, Map<String, List<String>> form, String address) {
        String addressKey = "addr:" + address;
        Optional<Duration> addressLock = throttle.lockedFor(addressKey);
        if (addressLock.isPresent()) {
            throw OAuthException.slowDown(addressLock.get());
        }
        String clientKey = null;
        try {
            Presented presented = presented(authorizationHeader, form);
            if (presented.clientId().length() > MAX_CLIENT_ID_LENGTH) {
                throw failed(); // no app has such an id; not worth a throttle entry of its size
            }
            clientKey = "client:" + presented.clientId();
            Optional<Duration> clientLock = throttle.lockedFor(clientKey);
            try {
                return presented.assertion() != null ? byAssertion(presented.clientId(), presented.assertion())
                        : bySecret(presented.clientId(), presented.secret(), clientLock);
            } catch (OAuthException e) {
                if (clientLock.isPresent() && OAuth2Error.INVALID_CLIENT.equals(e.error())) {
                    throttle.failed(clientKey, CLIENT_FREE_ATTEMPTS);
                    throttle.failed(addressKey, ADDRESS_FREE_ATTEMPTS);
                    throw OAuthException.slowDown(clientLock.get());
                }
                throw e;
            }
        } catch (OAuthException e) {
            if (OAuth2Error.INVALID_CLIENT.equals(e.error())) {
                throttle.failed(addressKey, ADDRESS_FREE_ATTEMPTS);
                if (clientKey != null) {
                    throttle.failed(clientKey, CLIENT_FREE_ATTEMPTS);
                }
            }
            throw e;
        }
    }

    private Presented presented(String authorizationHeader, Map<String, List<String>> form) {
        boolean basic = authorizationHeader != null
                && authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6);
        boolean post = form.containsKey("client_secret");
        boolean assertion = form.containsKey("client_assertion") || form.containsKey("client_assertion_type");
        int methods = (basic ? 1 : 0) + (post ? 1 : 0) + (assertion ? 1 : 0);
        if (methods > 1) {
            throw new OAuthException(OAuth2Error.INVALID_REQUEST, "use exactly one client authentication method");
        }
        String formId = MultivaluedMapUtils.getFirstValue(form, "client_id");
        try {
            if (basic) {
                ClientSecretBasic credentials = ClientSecretBasic.parse(authorizationHeader);
                return presented(formId, credentials.getClientID().getValue(), credentials.getClientSecret().getValue());
            }
            if (post) {
                ClientSecretPost credentials = ClientSecretPost.parse(form);
                return presented(formId, credentials.getClientID().getValue(), credentials.getClientSecret().getValue());
            }
            if (assertion) {
                if (!JWTAuthentication.CLIENT_ASSERTION_TYPE.equals(
                        MultivaluedMapUtils.getFirstValue(form, "client_assertion_type"))) {
                    throw new OAuthException(OAuth2Error.INVALID_CLIENT, "client_assertion_type must be " + JWT_BEARER);
                }
                String text = MultivaluedMapUtils.getFirstValue(form, "client_assertion");
                if (text == null || text.length() > AccessTokenVerifier.MAX_TOKEN_LENGTH) {
                    throw failed();
                }
                // iss = sub = client_id and client_id = the body's client_id, if any, are the SDK's checks.
                PrivateKeyJWT credentials = PrivateKeyJWT.parse(form);
                return new Presented(credentials.getClientID().getValue(), null, credentials.getClientAssertion());
            }
        } catch (ParseException | IllegalArgumentException e) {
            throw failed();
        }
        throw new OAuthException(OAuth2Error.INVALID_CLIENT, "client authentication is required");
    }

    /** A secret for {@code clientId}; a {@code client_id} in the body must name the same client. */
    private static Presented presented(String formId, String clientId, String secret) {
        if (formId != null && !formId.equals(clientId)) {
            throw failed();
        }
        return new Presented(clientId, secret, null);
    }

    private AppRegistration bySecret(String clientId, String secret, Optional<Duration> clientLock) {
        Optional<AppRegistration> app = apps.findById(clientId);
        if (app.isEmpty() || !(app.get().clientAuthentication() instanceof ClientSecret stored)) {
            secrets.matchesNothing(secret);
            throw failed();
        }
        if (stored.isLegacy() && clientLock.isPresent()) {
            // The slow check is what a stranger could force; a locked client id does not get it.
            throw OAuthException.slowDown(clientLock.get());
        }
        ClientSecretHasher.Verification verification = secrets.verify(stored, secret);
        if (!verification.matched()) {
            throw failed();
        }
        if (verification == ClientSecretHasher.Verification.MATCHED_LEGACY) {
            upgrades.upgrade(clientId, stored, secrets.hash(secret));
        }
        return app.get();
    }

    private AppRegistration byAssertion(String clientId, SignedJWT jwt) {
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
            throw new OAuthException(OAuth2Error.INVALID_CLIENT, "client_assertion lives too long (exp at most 5 minutes ahead)");
        }
        if (!replayGuard.firstUse("client_assertion:" + clientId + ":" + claims.getJWTID(), exp.plus(ASSERTION_SKEW))) {
            throw new OAuthException(OAuth2Error.INVALID_CLIENT, "client_assertion was already used");
        }
        return app;
    }

    private static OAuthException failed() {
        return new OAuthException(OAuth2Error.INVALID_CLIENT, "client authentication failed");
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
