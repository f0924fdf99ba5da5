package org.portico.web.keys;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.portico.deeplink.keys.KeyRecord;
import org.portico.deeplink.keys.KeyRepository;
import org.portico.web.cluster.ChangeMarkers;
import org.portico.web.cluster.Topics;

/**
 * Keeps the signing keys in the shared database, so every node of a cluster signs with the same active key and
 * verifies with the same retired ones. Every change bumps the {@link Topics#SIGNING_KEYS} marker in its transaction:
 * the other nodes reload the keys within a second (see {@code KeysProducer}), so they publish a new key and sign
 * with it without a restart ({@code SigningKeys} also reloads when it meets an unknown {@code kid}).
 */
@ApplicationScoped
@Transactional
public class JpaKeyRepository implements KeyRepository {

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    ChangeMarkers markers;

    @Override
    public List<KeyRecord> list() {
        return em.createQuery("select k from SigningKeyEntity k", SigningKeyEntity.class).getResultStream()
                .map(SigningKeyEntity::toRecord)
                .toList();
    }

    @Override
    public void save(KeyRecord key) {
        SigningKeyEntity stored = em.find(SigningKeyEntity.class, key.kid());
        if (stored == null) {
            em.persist(new SigningKeyEntity(key));
        } else {
            stored.update(key);
        }
        markers.bump(Topics.SIGNING_KEYS);
    }

    @Override
    public void delete(String kid) {
        SigningKeyEntity stored = em.find(SigningKeyEntity.class, kid);
        if (stored != null) {
            em.remove(stored);
            markers.bump(Topics.SIGNING_KEYS);
        }
    }
}
