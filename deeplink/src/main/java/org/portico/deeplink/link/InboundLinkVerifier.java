package org.portico.deeplink.link;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientAuthentication.PrivateKeyJwt;
import org.portico.deeplink.oauth.ClientAuthenticator;
import org.portico.deeplink.oauth.ClientJwkSources;
import org.portico.deeplink.token.AccessTokenVerifier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies the signature a registered app puts on a link into Portico ({@code …&_sig=<jws>}). The app signs a JWT
 * with
 * <ul>
 *   <li>{@code iss}: its client id; {@code aud}: Portico's issuer; {@code sub}: the username the link is for;</li>
 *   <li>{@code exp}: at most {@link #MAX_LIFETIME} ahead; {@code iat}; {@code jti}: accepted once (the caller checks
 *   it against a shared store once the link is about to be followed);</li>
 *   <li>{@value #LINK}: the exact path and query it signs, without the {@code _sig} parameter, e.g.
 *   {@code /link/invoice/42?tab=items} — so no parameter can be changed or added;</li>
 * </ul>
 * signed either HS256 with the app's inbound-link secret ({@link InboundLinkSecrets}) or RS256/PS256/ES256 with a key
 * from its JWKS (apps that authenticate with private_key_jwt; see {@link ClientJwkSources}). This is a Nimbus
 * processing pipeline: the key selector offers only that app's keys for the algorithms it may use.
 *
 * <p>Thread-safe.
 */
public final class InboundLinkVerifier {

    /** The claim that binds the signature to the path and query. */
    public static final String LINK = "link";
    /** Longest accepted distance between {@code iat} or now and {@code exp}. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    /** Tolerance for the app's clock. */
    public static final Duration SKEW = ClientAuthenticator.ASSERTION_SKEW;
    /** Longest signature accepted, in characters: as long as a Portico token may be. */
    public static final int MAX_LENGTH = AccessTokenVerifier.MAX_TOKEN_LENGTH;

    /** The algorithms an app may sign with a key from its JWKS: those of its client assertions. */
    private static final Set<JWSAlgorithm> KEY_ALGORITHMS = ClientAuthenticator.ASSERTION_ALGORITHMS;

    private final AppDirectory apps;
    private final ClientJwkSources jwkSources;
    private final InboundLinkSecrets secrets;
    private final String issuer;
    private final Clock clock;

    /**
     * @param apps       the app registry (only enabled apps are found)
     * @param jwkSources public keys of apps that use private_key_jwt
     * @param secrets    the apps' inbound-link secrets
     * @param issuer     Portico's issuer identifier, the only accepted {@code aud}
     * @param clock      the time source
     */
    public InboundLinkVerifier(AppDirectory apps, ClientJwkSources jwkSources, InboundLinkSecrets secrets,
                               String issuer, Clock clock) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.jwkSources = Objects.requireNonNull(jwkSources, "jwkSources");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies a signature without recording its {@code jti}.
     *
     * @param signature     the {@code _sig} value
     * @param signedContent the request's path and query without {@code _sig} ({@link LinkRequest#signedContent()})
     * @throws InboundLinkRejectedException with {@link LinkOutcome#EXPIRED} or {@link LinkOutcome#BAD_SIGNATURE};
     *                                      nothing else for any input
     */
    public InboundLink verify(String signature, String signedContent) {
        if (signature == null || signature.isEmpty() || signature.length() > MAX_LENGTH) {
            throw rejected("malformed");
        }
        SignedJWT jwt;
        String appId;
        try {
            jwt = SignedJWT.parse(signature);
            appId = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            throw rejected("malformed");
        }
        AppRegistration app = apps.findById(appId).orElseThrow(() -> rejected("unknown or disabled app"));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier((type, context) -> { }); // apps may send any typ, or none
        processor.setJWSKeySelector(keySelector(app, jwt.getHeader().getAlgorithm()));
        processor.setJWTClaimsSetVerifier(new LinkClaims(app.id(), issuer, signedContent, clock));
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (ExpiredException e) {
            throw new InboundLinkRejectedException(LinkOutcome.EXPIRED, "expired");
        } catch (BadJOSEException | JOSEException | RuntimeException e) {
            throw rejected(e instanceof BadJWTException ? e.getMessage() : "bad signature");
        }
        return new InboundLink(app, claims.getSubject(), claims.getJWTID(), claims.getExpirationTime().toInstant());
    }

    private JWSKeySelector<SecurityContext> keySelector(AppRegistration app, JWSAlgorithm algorithm) {
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            Optional<byte[]> secret = secrets.find(app.id());
            if (secret.isPresent()) {
                return new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256, new SecretKeySpec(secret.get(), "HmacSHA256"));
            }
        } else if (KEY_ALGORITHMS.contains(algorithm) && app.clientAuthentication() instanceof PrivateKeyJwt) {
            return new JWSVerificationKeySelector<>(KEY_ALGORITHMS, jwkSources.forApp(app));
        }
        throw rejected("the app has no key for " + algorithm);
    }

    private static InboundLinkRejectedException rejected(String why) {
        return new InboundLinkRejectedException(LinkOutcome.BAD_SIGNATURE, why);
    }

    /** The claims' own expiry, told apart from the other claim failures. */
    private static final class ExpiredException extends BadJWTException {
        private static final long serialVersionUID = 1L;

        ExpiredException() {
            super("expired");
        }
    }

    /** iss = the app, aud = Portico, sub/jti/iat/exp present, exp not too far, link = what was requested. */
    private static final class LinkClaims extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final String signedContent;
        private final Clock clock;

        LinkClaims(String appId, String issuer, String signedContent, Clock clock) {
            super(issuer, new JWTClaimsSet.Builder().issuer(appId).build(), Set.of("sub", "jti", "iat", "exp", LINK));
            setMaxClockSkew((int) SKEW.toSeconds());
            this.signedContent = signedContent;
            this.clock = clock;
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            Instant now = clock.instant();
            Date exp = claims.getExpirationTime();
            if (exp != null && !now.isBefore(exp.toInstant().plus(SKEW))) {
                throw new ExpiredException();
            }
            super.verify(claims, context);
            Instant iat = claims.getIssueTime().toInstant();
            if (exp.toInstant().isAfter(now.plus(MAX_LIFETIME).plus(SKEW))
                    || exp.toInstant().isAfter(iat.plus(MAX_LIFETIME))) {
                throw new BadJWTException("lives longer than " + MAX_LIFETIME.toMinutes() + " minutes");
            }
            if (!signedContent.equals(claims.getClaim(LINK))) {
                throw new BadJWTException("signs another link");
            }
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }

    /** An inbound signature was rejected. The message is a short reason, never a claim value. */
    public static final class InboundLinkRejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final LinkOutcome outcome;

        InboundLinkRejectedException(LinkOutcome outcome, String reason) {
            super("inbound link signature rejected: " + reason);
            this.outcome = outcome;
        }

        public LinkOutcome outcome() {
            return outcome;
        }
    }
}
