package org.portico.web.signedurl;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code url_signing_key} ({@code V23}): the key pair of signed URLs, its private key sealed. */
@Entity
@Table(name = "url_signing_key")
class UrlSigningKeyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 32, updatable = false)
    private String name;

    @Column(name = "public_key_pem", nullable = false, length = 1000, updatable = false)
    private String publicKeyPem;

    @Column(name = "sealed_private_key", nullable = false, length = 4000, updatable = false)
    private String sealedPrivateKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected UrlSigningKeyEntity() {
    }

    UrlSigningKeyEntity(String name, String publicKeyPem, String sealedPrivateKey, Instant createdAt) {
        this.name = name;
        this.publicKeyPem = publicKeyPem;
        this.sealedPrivateKey = sealedPrivateKey;
        this.createdAt = createdAt;
    }

    String publicKeyPem() {
        return publicKeyPem;
    }

    String sealedPrivateKey() {
        return sealedPrivateKey;
    }

    Instant createdAt() {
        return createdAt;
    }
}
