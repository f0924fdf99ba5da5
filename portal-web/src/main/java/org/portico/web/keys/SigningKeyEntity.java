package org.portico.web.keys;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.portico.deeplink.keys.KeyRecord;
import org.portico.deeplink.keys.KeyState;
import org.portico.deeplink.keys.SigningAlgorithm;

/** A row of {@code signing_key}: the stored form of a {@link KeyRecord}, its private key sealed. */
@Entity
@Table(name = "signing_key")
public class SigningKeyEntity {

    @Id
    @Column(length = 100)
    private String kid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private SigningAlgorithm algorithm;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private KeyState state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Column(name = "public_jwk", nullable = false, length = 4000)
    private String publicJwk;

    @Column(name = "sealed_private_key", nullable = false, length = 8000)
    private String sealedPrivateKey;

    protected SigningKeyEntity() {
        // for JPA
    }

    public SigningKeyEntity(KeyRecord key) {
        this.kid = key.kid();
        update(key);
    }

    public final void update(KeyRecord key) {
        this.algorithm = key.algorithm();
        this.state = key.state();
        this.createdAt = key.createdAt();
        this.retiredAt = key.retiredAt();
        this.publicJwk = key.publicJwk();
        this.sealedPrivateKey = key.sealedPrivateKey();
    }

    public KeyRecord toRecord() {
        return new KeyRecord(kid, algorithm, state, createdAt, retiredAt, publicJwk, sealedPrivateKey);
    }
}
