package org.portico.web.config;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;

import org.portico.cdn.signing.CloudFrontUrlSigner;
import org.portico.cdn.signing.CloudFrontUrlVerifier;
import org.portico.web.signedurl.SignedUrlSettings;
import org.portico.web.signedurl.UrlSigningKey;
import org.portico.web.signedurl.UrlSigningKeys;

/**
 * Wires the CDN module's signed URLs: Portico's key pair (from the database, generated at first start), the signer
 * under the configured key pair id (or Portico's own), and the verifier that knows that one key under that id.
 */
@ApplicationScoped
public class SignedUrlProducer {

    @Produces
    @Singleton
    UrlSigningKey urlSigningKey(UrlSigningKeys keys) {
        return keys.find().orElseGet(() -> {
            try {
                return keys.create();
            } catch (PersistenceException | TransactionalException e) {
                // another node stored its key at the same moment (unique name): every node signs with that one
                return keys.find().orElseThrow(() -> e);
            }
        });
    }

    @Produces
    @Singleton
    CloudFrontUrlSigner signer(UrlSigningKey key, SignedUrlSettings settings, Clock clock) {
        return new CloudFrontUrlSigner(keyPairId(key, settings), key.keyPair().getPrivate(), clock);
    }

    @Produces
    @Singleton
    CloudFrontUrlVerifier verifier(UrlSigningKey key, SignedUrlSettings settings, Clock clock) {
        return new CloudFrontUrlVerifier(Map.of(keyPairId(key, settings), key.keyPair().getPublic()),
                settings.clockSkew(), clock);
    }

    private static String keyPairId(UrlSigningKey key, SignedUrlSettings settings) {
        return settings.keyPairId().orElseGet(key::defaultKeyPairId);
    }
}
