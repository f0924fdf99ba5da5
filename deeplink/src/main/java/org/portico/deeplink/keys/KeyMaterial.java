package org.portico.deeplink.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

/** Generates key pairs as JWKs and turns JWKs into JCA keys, signers and verifiers, per algorithm. Stateless. */
final class KeyMaterial {

    private KeyMaterial() {
    }

    /** A new private JWK with {@code kid} = SHA-256 thumbprint, {@code use=sig} and {@code alg} set. */
    static JWK generate(SigningAlgorithm algorithm, int rsaKeySize) {
        try {
            return switch (algorithm) {
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                        .algorithm(algorithm.jwsAlgorithm()).keyIDFromThumbprint(true).generate();
                case RS256 -> new RSAKeyGenerator(rsaKeySize).keyUse(KeyUse.SIGNATURE)
                        .algorithm(algorithm.jwsAlgorithm()).keyIDFromThumbprint(true).generate();
                case EDDSA -> generateEd25519();
            };
        } catch (JOSEException | GeneralSecurityException e) {
            throw new KeySetupException("cannot generate a " + algorithm + " key in this JVM", e);
        }
    }

    private static JWK generateEd25519() throws GeneralSecurityException, JOSEException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        OctetKeyPair okp = new OctetKeyPair.Builder(Curve.Ed25519,
                Base64URL.encode(JdkEd25519.raw(pair.getPublic().getEncoded(), false)))
                .d(Base64URL.encode(JdkEd25519.raw(pair.getPrivate().getEncoded(), true)))
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(SigningAlgorithm.EDDSA.jwsAlgorithm())
                .build();
        return new OctetKeyPair.Builder(okp).keyIDFromThumbprint().build();
    }

    /** Parses a stored JWK and checks that it fits the algorithm. */
    static JWK parse(String json, SigningAlgorithm algorithm) throws ParseException {
        JWK jwk = JWK.parse(json);
        boolean fits = switch (algorithm) {
            case ES256 -> jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
            case RS256 -> jwk instanceof RSAKey rsa && rsa.size() >= 2048;
            case EDDSA -> jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
        };
        if (!fits) {
            throw new ParseException("stored key does not fit " + algorithm, 0);
        }
        return jwk;
    }

    static JWSSigner signer(JWK privateJwk) throws JOSEException, GeneralSecurityException {
        if (privateJwk instanceof ECKey ec) {
            return Jca.forEc(new ECDSASigner(ec));
        }
        if (privateJwk instanceof RSAKey rsa) {
            return new RSASSASigner(rsa);
        }
        OctetKeyPair okp = (OctetKeyPair) privateJwk;
        return new JdkEd25519.Signer(JdkEd25519.privateKey(okp.getDecodedD()));
    }

    static PublicKey publicKey(JWK jwk) throws JOSEException, GeneralSecurityException {
        if (jwk instanceof ECKey ec) {
            return ec.toECPublicKey();
        }
        if (jwk instanceof RSAKey rsa) {
            return rsa.toRSAPublicKey();
        }
        return JdkEd25519.publicKey(((OctetKeyPair) jwk).getDecodedX());
    }

    static JWSVerifier verifier(JWK jwk, PublicKey key) throws JOSEException {
        if (jwk instanceof ECKey ec) {
            return Jca.forEc(new ECDSAVerifier(ec.toPublicJWK()));
        }
        if (jwk instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa.toPublicJWK());
        }
        return new JdkEd25519.Verifier(key);
    }
}
