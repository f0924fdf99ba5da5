package org.portico.demoapp.verify;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.crypto.impl.BaseJWSProvider;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

/**
 * EdDSA (Ed25519, RFC 8037) on the JDK's own implementation (Java 15+). Nimbus verifies Ed25519 only through the
 * optional Google Tink library, and only from an {@code OctetKeyPair}; this keeps the demo app to one dependency.
 */
final class JdkEd25519 {

    private JdkEd25519() {
    }

    /**
     * The JDK key for a JWK's {@code x}: RFC 8032 encodes the point as y in little-endian with the sign of x in the
     * top bit of the last byte. Empty for an {@code x} that is no Ed25519 public key (the JWK is then ignored).
     */
    static Optional<PublicKey> publicKey(OctetKeyPair jwk) {
        byte[] encoded = jwk.getDecodedX();
        if (encoded.length != 32) {
            return Optional.empty();
        }
        boolean xOdd = (encoded[31] & 0x80) != 0;
        byte[] bigEndianY = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndianY[i] = encoded[31 - i];
        }
        bigEndianY[0] &= 0x7f;
        try {
            EdECPublicKeySpec spec = new EdECPublicKeySpec(NamedParameterSpec.ED25519,
                    new EdECPoint(xOdd, new BigInteger(1, bigEndianY)));
            return Optional.of(KeyFactory.getInstance("Ed25519").generatePublic(spec));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Nimbus' verifiers for ES256 and RS256, the JDK's for EdDSA. Thread-safe. */
    static final class VerifierFactory extends DefaultJWSVerifierFactory {
        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            if (JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) && key instanceof EdECPublicKey edKey) {
                return new Verifier(edKey);
            }
            return super.createJWSVerifier(header, key);
        }
    }

    /** Checks an Ed25519 signature; a signature of the wrong length or shape is simply not valid. Thread-safe. */
    static final class Verifier extends BaseJWSProvider implements JWSVerifier {
        private final PublicKey key;

        Verifier(PublicKey key) {
            super(Set.of(JWSAlgorithm.EdDSA));
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) || header.getCriticalParams() != null) {
                return false;
            }
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initVerify(key);
                ed25519.update(signingInput);
                return ed25519.verify(signature.decode());
            } catch (SignatureException e) {
                return false;
            } catch (GeneralSecurityException e) {
                throw new JOSEException("The JDK could not check an Ed25519 signature: " + e.getMessage(), e);
            }
        }
    }
}
