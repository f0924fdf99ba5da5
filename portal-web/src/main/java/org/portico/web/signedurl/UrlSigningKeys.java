package org.portico.web.signedurl;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.portico.cdn.signing.PublicKeyPem;
import org.portico.deeplink.keys.KeySetupException;
import org.portico.deeplink.keys.SecretSealer;

/**
 * Keeps Portico's key pair for signed URLs in the database ({@code url_signing_key}): generated once, at first start,
 * as a 2048-bit RSA key (what CloudFront takes); the private key sealed with the master secret
 * ({@link SecretSealer}, label {@value #LABEL}), so a database dump alone signs nothing. Every node opens the same
 * key. Thread-safe.
 */
@ApplicationScoped
public class UrlSigningKeys {

    /** The one key's name (the table allows more, for a rotation to come). */
    static final String NAME = "cloudfront";
    static final String LABEL = "url-signing:" + NAME;
    static final int RSA_BITS = 2048;

    private static final Logger LOG = Logger.getLogger(UrlSigningKeys.class.getName());

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    SecretSealer sealer;

    @Inject
    Clock clock;

    /**
     * The stored key, opened.
     *
     * @throws KeySetupException when it was sealed under another master secret or is damaged
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UrlSigningKey> find() {
        return em.createQuery("SELECT k FROM UrlSigningKeyEntity k WHERE k.name = :name", UrlSigningKeyEntity.class)
                .setParameter("name", NAME).getResultStream().findFirst().map(this::open);
    }

    /**
     * Generates and stores the key, in a transaction of its own. When another node stored one at the same moment, the
     * unique name refuses this one (a {@code PersistenceException} or a rolled-back transaction): read theirs then.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public UrlSigningKey create() {
        KeyPair keyPair = generate();
        String sealed = sealer.seal(LABEL, keyPair.getPrivate().getEncoded());
        UrlSigningKeyEntity entity = new UrlSigningKeyEntity(NAME, PublicKeyPem.encode(keyPair.getPublic()), sealed,
                clock.instant());
        em.persist(entity);
        em.flush();
        LOG.info("Generated the RSA key pair of signed URLs (CloudFront canned policy)");
        return new UrlSigningKey(keyPair, entity.createdAt());
    }

    private UrlSigningKey open(UrlSigningKeyEntity entity) {
        byte[] pkcs8 = sealer.open(LABEL, entity.sealedPrivateKey());
        try {
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new UrlSigningKey(new KeyPair(PublicKeyPem.decode(entity.publicKeyPem()).orElseThrow(
                    () -> new KeySetupException("the public key of signed URLs in url_signing_key is damaged")),
                    privateKey), entity.createdAt());
        } catch (GeneralSecurityException e) {
            throw new KeySetupException("the private key of signed URLs in url_signing_key is damaged", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }
}
