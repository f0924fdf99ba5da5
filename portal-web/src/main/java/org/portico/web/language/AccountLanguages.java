package org.portico.web.language;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Stores a logged-in user's choice of language on the account ({@code portico_user.preferred_language}, V15), so it
 * follows them to another device. Read back through the account ({@code UserAccount#getPreferredLanguage}).
 * A preference of the user's own about how pages look, so not an audited change of the account; one {@code UPDATE},
 * which leaves the account's version alone (an admin editing the same user at that moment is not refused).
 */
@ApplicationScoped
public class AccountLanguages {

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Transactional
    public void remember(String username, Locale language) {
        em.createQuery("update UserAccount u set u.preferredLanguage = :language where u.username = :username")
                .setParameter("language", language.getLanguage())
                .setParameter("username", username)
                .executeUpdate();
    }
}
