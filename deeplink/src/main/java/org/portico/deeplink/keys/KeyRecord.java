package org.portico.deeplink.keys;

import java.time.Instant;
import java.util.Objects;

/**
 * A signing key as stored by a {@link KeyRepository}. The private key is only present encrypted
 * ({@link #sealedPrivateKey()}, AES-256-GCM under a key derived from the master secret, with the key id and the
 * algorithm as associated data), so a record may be stored and backed up like any other row.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kid              the key id: the RFC 7638 JWK thumbprint (SHA-256) of the public key
 * @param algorithm        what the key signs with
 * @param state            active or retired
 * @param createdAt        when it was generated
 * @param retiredAt        when it stopped signing; null while active
 * @param publicJwk        the public JWK as JSON
 * @param sealedPrivateKey the encrypted private JWK, an opaque ASCII string of a few hundred characters (RSA:
 *                         about 2,500)
 */
public record KeyRecord(String kid, SigningAlgorithm algorithm, KeyState state, Instant createdAt, Instant retiredAt,
                        String publicJwk, String sealedPrivateKey) {

    /** @throws IllegalArgumentException when a value is missing or the retirement time does not fit the state */
    public KeyRecord {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(publicJwk, "publicJwk");
        Objects.requireNonNull(sealedPrivateKey, "sealedPrivateKey");
        if ((state == KeyState.RETIRED) != (retiredAt != null)) {
            throw new IllegalArgumentException("retiredAt must be set exactly when the key is RETIRED");
        }
    }

    /** This record, retired at {@code when}. */
    KeyRecord retire(Instant when) {
        return new KeyRecord(kid, algorithm, KeyState.RETIRED, createdAt, when, publicJwk, sealedPrivateKey);
    }

    @Override
    public String toString() {
        return "KeyRecord[kid=" + kid + ", algorithm=" + algorithm + ", state=" + state + ", createdAt=" + createdAt
                + ", retiredAt=" + retiredAt + "]";
    }
}
