package org.portico.web.keys;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.portico.deeplink.keys.KeyRecord;
import org.portico.deeplink.keys.KeyRepository;

/**
 * Keeps the signing keys in the shared database, so every node of a cluster signs with the same active key and
 * verifies with the same retired ones ({@code SigningKeys} reloads them when it meets an unknown {@code kid}).
 */
@ApplicationScoped
@Transactional
public class JpaKeyRepository implements KeyRepository {

    @PersistenceContext(unitName = "portico")
    EntityManager em;

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
    }

    @Override
    public void delete(String kid) {
        SigningKeyEntity stored = em.find(SigningKeyEntity.class, kid);
        if (stored != null) {
            em.remove(stored);
        }
    }
}
