package org.portico.deeplink.keys;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The signature algorithms Portico signs and verifies with. Nothing else is ever accepted: no {@code none}, no HMAC,
 * no algorithm chosen by a token header.
 */
public enum SigningAlgorithm {
    /** ECDSA on P-256 with SHA-256: the default; small keys and signatures, fast signing. */
    ES256(JWSAlgorithm.ES256),
    /** RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit keys or larger: for verifiers that know nothing else. */
    RS256(JWSAlgorithm.RS256),
    /** EdDSA on Ed25519 (RFC 8037), computed by the JDK's own Ed25519. */
    EDDSA(JWSAlgorithm.EdDSA);

    private final JWSAlgorithm jws;

    SigningAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    /** The JOSE algorithm ({@code ES256}, {@code RS256}, {@code EdDSA}). */
    public JWSAlgorithm jwsAlgorithm() {
        return jws;
    }

    /**
     * The algorithm with this JOSE name, as written in configuration.
     *
     * @throws KeySetupException naming the valid values
     */
    public static SigningAlgorithm parse(String name) {
        for (SigningAlgorithm a : values()) {
            if (a.jws.getName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return a;
            }
        }
        throw new KeySetupException("signing algorithm must be one of "
                + Arrays.stream(values()).map(a -> a.jws.getName()).collect(Collectors.joining(", "))
                + ", got '" + name + "'");
    }

    /** The algorithm of a JOSE header, or null when it is not one of ours. */
    public static SigningAlgorithm of(JWSAlgorithm alg) {
        for (SigningAlgorithm a : values()) {
            if (a.jws.equals(alg)) {
                return a;
            }
        }
        return null;
    }
}
