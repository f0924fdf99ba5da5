package org.portico.deeplink.keys;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.BaseJWSProvider;
import com.nimbusds.jose.util.Base64URL;

/**
 * EdDSA (Ed25519, RFC 8037) signing and verification on the JDK's own implementation (Java 15+), so the optional Tink
 * dependency that Nimbus' {@code Ed25519Signer} needs is not required. Keys cross between JWK ({@code x}, {@code d},
 * 32 raw bytes each) and JDK form through their fixed DER prefixes (RFC 8410).
 */
final class JdkEd25519 {

    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private JdkEd25519() {
    }

    static PublicKey publicKey(byte[] x) throws GeneralSecurityException {
        if (x.length != 32) {
            throw new InvalidKeyException("Ed25519 public key must be 32 bytes");
        }
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, x)));
    }

    static PrivateKey privateKey(byte[] d) throws GeneralSecurityException {
        if (d.length != 32) {
            throw new InvalidKeyException("Ed25519 private key must be 32 bytes");
        }
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, d)));
    }

    /** The raw 32 bytes of a JDK key's X.509 or PKCS#8 encoding, checked against the expected prefix. */
    static byte[] raw(byte[] encoded, boolean isPrivate) throws InvalidKeyException {
        byte[] prefix = isPrivate ? PKCS8_PREFIX : X509_PREFIX;
        if (encoded.length != prefix.length + 32
                || !Arrays.equals(Arrays.copyOf(encoded, prefix.length), prefix)) {
            throw new InvalidKeyException("unexpected Ed25519 key encoding");
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Signs with an Ed25519 private key. Thread-safe. */
    static final class Signer extends BaseJWSProvider implements JWSSigner {
        private final PrivateKey key;

        Signer(PrivateKey key) {
            super(Set.of(JWSAlgorithm.EdDSA));
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                throw new JOSEException("Ed25519 key signs EdDSA only");
            }
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(key);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 signing failed", e);
            }
        }
    }

    /** Verifies with an Ed25519 public key; rejects headers with critical parameters. Thread-safe. */
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
            byte[] sig = signature.decode();
            if (sig.length != 64) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(signingInput);
                return verifier.verify(sig);
            } catch (SignatureException e) {
                return false;
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 verification failed", e);
            }
        }
    }
}
