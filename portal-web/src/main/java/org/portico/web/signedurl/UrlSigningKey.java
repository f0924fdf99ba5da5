package org.portico.web.signedurl;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

import org.portico.cdn.signing.PublicKeyPem;

/**
 * Portico's RSA key pair for signed URLs, opened: what the signer and the verifier are made of, and what a site admin
 * uploads to CloudFront. Immutable.
 *
 * @param keyPair   the RSA key pair (2048 bits, as CloudFront takes)
 * @param createdAt when Portico generated it
 */
public record UrlSigningKey(KeyPair keyPair, Instant createdAt) {

    public UrlSigningKey {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The public key as PEM, for CloudFront's "Create public key" or {@code aws cloudfront create-public-key}. */
    public String publicKeyPem() {
        return PublicKeyPem.encode(keyPair.getPublic());
    }

    /**
     * The key pair id Portico names when none is configured: {@code portico-} and the first 12 hex digits of the
     * SHA-256 of the public key, so a new key gets a new id.
     */
    public String defaultKeyPairId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyPair.getPublic().getEncoded());
            return "portico-" + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() { // never the private key
        return "UrlSigningKey[" + defaultKeyPairId() + ", created " + createdAt + "]";
    }
}
