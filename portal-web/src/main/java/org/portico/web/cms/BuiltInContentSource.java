package org.portico.web.cms;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentSource;
import org.portico.cms.spi.ContentSourceTimeoutException;
import org.portico.cms.spi.ContentUnavailableException;

/**
 * The built-in CMS store as a {@link ContentSource}: the published version of pages and blocks ({@code cms_item},
 * {@code cms_item_version}; {@link CmsService} writes them).
 *
 * <p>{@code @Typed} to its own class, so that injecting {@link ContentSource} gets the cached and sanitised pipeline
 * from {@code CmsProducer}, never this raw store by accident.
 */
@ApplicationScoped
@Typed(BuiltInContentSource.class)
public class BuiltInContentSource implements ContentSource {

    /** A slow database is an unavailable CMS: the cache then serves the last good content. */
    static final int QUERY_TIMEOUT_MILLIS = 2_000;

    @PersistenceContext(unitName = "portico")
    EntityManager entityManager;

    /**
     * @throws ContentUnavailableException when the database cannot be read or does not answer in time
     */
    @Override
    public Optional<ContentItem> find(ContentKind kind, String key, Locale locale) {
        try {
            return entityManager.createQuery("SELECT i, v FROM CmsItem i, CmsItemVersion v"
                            + " WHERE i.kind = :kind AND i.key = :key AND i.locale = :locale"
                            + " AND v.key.itemId = i.id AND v.key.revision = i.publishedRevision", Object[].class)
                    .setParameter("kind", kind)
                    .setParameter("key", key)
                    .setParameter("locale", locale.toLanguageTag())
                    .setHint("jakarta.persistence.query.timeout", QUERY_TIMEOUT_MILLIS)
                    .setMaxResults(1)
                    .getResultList()
                    .stream()
                    .findFirst()
                    .map(row -> published((CmsItem) row[0], (CmsItemVersion) row[1]));
        } catch (jakarta.persistence.QueryTimeoutException e) {
            throw new ContentSourceTimeoutException("built-in CMS store did not answer within "
                    + QUERY_TIMEOUT_MILLIS + " ms", e);
        } catch (PersistenceException e) {
            throw new ContentUnavailableException("built-in CMS store cannot be read", e);
        }
    }

    private static ContentItem published(CmsItem item, CmsItemVersion version) {
        return new ContentItem(item.getKind(), item.getKey(), item.getLocale(), version.getTitle(),
                version.getBodyHtml(), item.getPublishedAt() != null ? item.getPublishedAt() : version.getSavedAt());
    }
}
