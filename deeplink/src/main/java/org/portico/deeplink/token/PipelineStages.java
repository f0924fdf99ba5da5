package org.portico.deeplink.token;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.portico.deeplink.keys.PublicSigningKey;
import org.portico.deeplink.keys.SigningAlgorithm;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.token.TokenRejectedException.Reason;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

/** The stages Portico plugs into Nimbus' {@code DefaultJWTProcessor}. Each is stateless and thread-safe. */
final class PipelineStages {

    private PipelineStages() {
    }

    /** {@code typ} must be {@code at+jwt} (or its media type form {@code application/at+jwt}). */
    static final class AccessTokenType implements JOSEObjectTypeVerifier<VerificationContext> {
        private final DefaultJOSEObjectTypeVerifier<VerificationContext> delegate =
                new DefaultJOSEObjectTypeVerifier<>(TokenClaims.AT_JWT, new JOSEObjectType("application/at+jwt"));

        @Override
        public void verify(JOSEObjectType type, VerificationContext context) throws BadJOSEException {
            try {
                delegate.verify(type, context);
            } catch (BadJOSEException e) {
                throw new RejectedJwtException(Reason.WRONG_TYPE);
            }
        }
    }

    /**
     * Selects the one key named by {@code kid} among Portico's own keys, and only when the header's {@code alg} is
     * that key's algorithm: {@code none}, HMAC (with the public key as secret) and any other algorithm find no key.
     */
    static final class OwnKeys implements JWSKeySelector<VerificationContext> {
        private final SigningKeys keys;

        OwnKeys(SigningKeys keys) {
            this.keys = keys;
        }

        @Override
        public List<? extends Key> selectJWSKeys(JWSHeader header, VerificationContext context) {
            SigningAlgorithm algorithm = SigningAlgorithm.of(header.getAlgorithm());
            if (algorithm == null) {
                context.keyFailure = Reason.UNSUPPORTED_ALGORITHM;
                return List.of();
            }
            Optional<PublicSigningKey> key = keys.findVerificationKey(header.getKeyID());
            if (key.isEmpty()) {
                context.keyFailure = Reason.UNKNOWN_KEY;
                return List.of();
            }
            if (key.get().algorithm() != algorithm) {
                context.keyFailure = Reason.UNSUPPORTED_ALGORITHM;
                return List.of();
            }
            context.key = key.get();
            return List.of(key.get().publicKey());
        }
    }

    /** Hands out the ready verifier of the key that {@link OwnKeys} selected. */
    static final class OwnVerifiers implements JWSVerifierFactory {
        private static final Set<JWSAlgorithm> ALGORITHMS = Arrays.stream(SigningAlgorithm.values())
                .map(SigningAlgorithm::jwsAlgorithm).collect(Collectors.toUnmodifiableSet());

        private final SigningKeys keys;
        private final JCAContext jca = new JCAContext();

        OwnVerifiers(SigningKeys keys) {
            this.keys = keys;
        }

        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) {
            return keys.findVerificationKey(header.getKeyID())
                    .filter(k -> k.publicKey() == key)
                    .map(PublicSigningKey::verifier)
                    .orElse(null);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return ALGORITHMS;
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }

    /**
     * Checks, in this order: {@code iss}; presence and type of the required claims; {@code exp}, {@code nbf} and
     * {@code iat} against the injected clock with the configured skew; {@code aud}.
     */
    static final class AccessTokenClaims implements JWTClaimsSetVerifier<VerificationContext> {
        private final String issuer;
        private final Duration skew;
        private final Clock clock;

        AccessTokenClaims(String issuer, Duration skew, Clock clock) {
            this.issuer = issuer;
            this.skew = skew;
            this.clock = clock;
        }

        @Override
        public void verify(JWTClaimsSet claims, VerificationContext context) throws RejectedJwtException {
            if (!(claims.getClaim("iss") instanceof String iss) || !iss.equals(issuer)) {
                throw new RejectedJwtException(Reason.WRONG_ISSUER);
            }
            for (String name : List.of("sub", "jti", TokenClaims.CLIENT_ID, TokenClaims.SID)) {
                if (!(claims.getClaim(name) instanceof String value) || value.isEmpty()) {
                    throw new RejectedJwtException(Reason.MISSING_CLAIM);
                }
            }
            if (!(claims.getClaim("exp") instanceof Date exp) || !(claims.getClaim("iat") instanceof Date iat)
                    || claims.getClaim("nbf") != null && !(claims.getClaim("nbf") instanceof Date)) {
                throw new RejectedJwtException(Reason.MISSING_CLAIM);
            }
            Instant now = clock.instant();
            if (!now.isBefore(exp.toInstant().plus(skew))) {
                throw new RejectedJwtException(Reason.EXPIRED);
            }
            Date nbf = (Date) claims.getClaim("nbf");
            if (nbf != null && now.plus(skew).isBefore(nbf.toInstant()) || now.plus(skew).isBefore(iat.toInstant())) {
                throw new RejectedJwtException(Reason.NOT_YET_VALID);
            }
            List<String> audience = claims.getAudience();
            if (audience.isEmpty() || context.expectedAudience != null
                    && !audience.contains(context.expectedAudience)) {
                throw new RejectedJwtException(Reason.WRONG_AUDIENCE);
            }
        }
    }
}
