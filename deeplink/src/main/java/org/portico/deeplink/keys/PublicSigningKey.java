package org.portico.deeplink.keys;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;

/**
 * The public half of one of Portico's signing keys, ready to verify: what a verifier selects by {@code kid}, and
 * what the admin UI lists.
 *
 * <p>Immutable and thread-safe; {@link #verifier()} may be shared.
 */
public final class PublicSigningKey {

    private final String kid;
    private final SigningAlgorithm algorithm;
    private final KeyState state;
    private final Instant createdAt;
    private final Instant retiredAt;
    private final Instant removableAt;
    private final JWK jwk;
    private final PublicKey publicKey;
    private final JWSVerifier verifier;

    PublicSigningKey(KeyRecord record, Instant removableAt, JWK jwk, PublicKey publicKey, JWSVerifier verifier) {
        this.kid = record.kid();
        this.algorithm = record.algorithm();
        this.state = record.state();
        this.createdAt = record.createdAt();
        this.retiredAt = record.retiredAt();
        this.removableAt = removableAt;
        this.jwk = Objects.requireNonNull(jwk);
        this.publicKey = Objects.requireNonNull(publicKey);
        this.verifier = Objects.requireNonNull(verifier);
    }

    /** The key id (RFC 7638 thumbprint). */
    public String kid() {
        return kid;
    }

    /** The only algorithm this key verifies. */
    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /** Active (signs) or retired (verifies only). */
    public KeyState state() {
        return state;
    }

    /** When the key was generated. */
    public Instant createdAt() {
        return createdAt;
    }

    /** When it stopped signing; empty while active. */
    public Optional<Instant> retiredAt() {
        return Optional.ofNullable(retiredAt);
    }

    /** When it leaves the JWKS and stops verifying; empty while active. */
    public Optional<Instant> removableAt() {
        return Optional.ofNullable(removableAt);
    }

    /** The public JWK, as published. */
    public JWK jwk() {
        return jwk;
    }

    /** The JCA public key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** A verifier for {@link #algorithm()} with this key. */
    public JWSVerifier verifier() {
        return verifier;
    }

    @Override
    public String toString() {
        return "PublicSigningKey[kid=" + kid + ", algorithm=" + algorithm + ", state=" + state + "]";
    }
}
