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
 * The built-in CMS store as a {@link ContentSource}: published blocks from the {@code cms_block} table.
 *
 * <p>{@code @Typed} to its own class, so that injecting {@link ContentSource} gets the cached and sanitised pipeline
 * from {@code CmsProducer}, never this raw store by accident. Pages are not stored here yet: they are never found.
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
        if (kind != ContentKind.BLOCK) {
            return Optional.empty();
        }
        try {
            return entityManager.createQuery("select b from CmsBlock b"
                            + " where b.key = :key and b.locale = :locale and b.status = :status", CmsBlock.class)
                    .setParameter("key", key)
                    .setParameter("locale", locale.toLanguageTag())
                    .setParameter("status", CmsBlockStatus.PUBLISHED)
                    .setHint("jakarta.persistence.query.timeout", QUERY_TIMEOUT_MILLIS)
                    .setMaxResults(1)
                    .getResultList()
                    .stream()
                    .findFirst()
                    .map(CmsBlock::toContentItem);
        } catch (jakarta.persistence.QueryTimeoutException e) {
            throw new ContentSourceTimeoutException("built-in CMS store did not answer within "
                    + QUERY_TIMEOUT_MILLIS + " ms", e);
        } catch (PersistenceException e) {
            throw new ContentUnavailableException("built-in CMS store cannot be read", e);
        }
    }
}
