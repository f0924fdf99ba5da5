package org.portico.web.page;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Each user's changes to a page ({@link PersonalLayout}), kept in the database so they survive logout and follow the
 * user to every node. A layout only ever names widgets of its page ({@link PersonalLayout#keepOnly}), so it stays
 * small whatever a client sends.
 */
@ApplicationScoped
@Transactional
public class PersonalLayouts {

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    /** The user's layout of the page, read on every view of the home page: one query. */
    public PersonalLayout of(String username, String slug) {
        return em.createQuery("SELECT l.layout FROM StoredPersonalLayout l, StoredPage p"
                        + " WHERE l.key.pageId = p.id AND p.slug = :slug AND l.key.username = :username", String.class)
                .setParameter("slug", slug).setParameter("username", username)
                .getResultStream().findFirst().map(PersonalLayout::fromJson).orElse(PersonalLayout.NONE);
    }

    /** Keeps the user's layout of the page; {@link PersonalLayout#NONE} forgets it ("reset to default"). */
    public void save(String username, PortalPage page, PersonalLayout layout) {
        Long id = pageId(page.slug()).orElseThrow(() -> new PageRejectedException.PageNotFound(page.slug()));
        PersonalLayout kept = layout.keepOnly(page.widgets().stream().map(Widget::id).toList());
        StoredPersonalLayout stored = em.find(StoredPersonalLayout.class, new StoredPersonalLayout.Key(username, id));
        if (kept.isNone()) {
            if (stored != null) {
                em.remove(stored);
            }
        } else if (stored == null) {
            em.persist(new StoredPersonalLayout(username, id, kept.toJson(), clock.instant()));
        } else {
            stored.update(kept.toJson(), clock.instant());
        }
    }

    public void reset(String username, PortalPage page) {
        save(username, page, PersonalLayout.NONE);
    }

    private Optional<Long> pageId(String slug) {
        List<Long> ids = em.createQuery("SELECT p.id FROM StoredPage p WHERE p.slug = :slug", Long.class)
                .setParameter("slug", slug).getResultList();
        return ids.stream().findFirst();
    }
}
