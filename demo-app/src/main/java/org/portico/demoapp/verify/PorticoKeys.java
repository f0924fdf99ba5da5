package org.portico.demoapp.verify;

import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;

import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

/**
 * Selects the key named by the token's {@code kid} from Portico's JWKS, for the three algorithms Portico signs with.
 * Nimbus' {@link JWSVerificationKeySelector} does the matching ({@code kid}, key type, {@code use}, {@code alg}); this
 * subclass adds what it lacks: Ed25519 keys as JDK keys (Nimbus converts only RSA and EC keys), and the reason when
 * nothing matched, noted in the {@link VerificationContext}. Thread-safe.
 */
final class PorticoKeys extends JWSVerificationKeySelector<VerificationContext> {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA);

    private final String jwksUrl;

    PorticoKeys(JWKSource<VerificationContext> source, String jwksUrl) {
        super(ALGORITHMS, source);
        this.jwksUrl = jwksUrl;
    }

    /**
     * @throws KeySourceException when the JWKS cannot be fetched or read (our setup, not the token)
     */
    @Override
    public List<Key> selectJWSKeys(JWSHeader header, VerificationContext context) throws KeySourceException {
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (!isAllowed(algorithm)) {
            context.keyProblem = new Refusal(Reason.UNSUPPORTED_ALGORITHM, "The token is signed with " + algorithm
                    + "; Portico signs its tokens with ES256, RS256 or EdDSA.");
            return List.of();
        }
        if (header.getKeyID() == null) {
            context.keyProblem = new Refusal(Reason.UNKNOWN_KEY,
                    "The token's header names no key (kid); Portico names the key that signed each token.");
            return List.of();
        }
        List<Key> keys;
        try {
            keys = JWSAlgorithm.EdDSA.equals(algorithm) ? ed25519Keys(header, context)
                    : new ArrayList<>(super.selectJWSKeys(header, context));
        } catch (RateLimitReachedException e) {
            // The set was fetched again moments ago for another unknown kid: it is no use asking once more.
            keys = List.of();
        }
        if (keys.isEmpty()) {
            context.keyProblem = new Refusal(Reason.UNKNOWN_KEY, "No " + algorithm + " key '" + header.getKeyID()
                    + "' in Portico's JWKS (" + jwksUrl + "), even after fetching it again: the token was not signed"
                    + " by this Portico, or with a key it has long retired.");
        }
        return keys;
    }

    private List<Key> ed25519Keys(JWSHeader header, VerificationContext context) throws KeySourceException {
        List<Key> keys = new ArrayList<>();
        // What JWKMatcher.forJWSHeader does for RSA and EC keys, which it does not do for OKP keys.
        JWKMatcher matcher = new JWKMatcher.Builder().keyType(KeyType.OKP).curve(Curve.Ed25519)
                .keyID(header.getKeyID()).keyUses(KeyUse.SIGNATURE, null).algorithms(JWSAlgorithm.EdDSA, null).build();
        for (JWK jwk : getJWKSource().get(new JWKSelector(matcher), context)) {
            if (jwk instanceof OctetKeyPair okp) {
                JdkEd25519.publicKey(okp).ifPresent(keys::add);
            }
        }
        return keys;
    }
}
