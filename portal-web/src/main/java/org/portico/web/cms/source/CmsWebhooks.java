package org.portico.web.cms.source;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.portico.cms.webhook.ContentRef;
import org.portico.cms.webhook.Delivery;
import org.portico.cms.webhook.WebhookRejectedException;
import org.portico.cms.webhook.WebhookVerifier;
import org.portico.web.cluster.ChangeMarkers;
import org.portico.web.cluster.Topics;
import org.portico.web.cms.CmsContentChanged;

/**
 * A source's webhook deliveries: verified (signature or shared secret, freshness) and read before anything happens,
 * then marked as taken in the database (every node and a restart see it: a replay is refused), and only then are the
 * changed items announced ({@link CmsContentChanged}), so that the caches forget exactly them once the transaction has
 * completed and the CDN purge can follow by their tags.
 */
@ApplicationScoped
public class CmsWebhooks {

    @Inject
    ChangeMarkers markers;

    private static final Logger LOG = Logger.getLogger(CmsWebhooks.class.getName());

    /** Where a source's CMS delivers its webhooks, under Portico's base URL ({@code rest.CmsWebhookResource}). */
    public static String path(String sourceId) {
        return "/api/cms/webhooks/" + sourceId;
    }

    /** The header a Strapi source's webhooks carry its secret in (WordPress's sign with it instead). */
    public static String secretHeader(CmsSource source) {
        return Optional.ofNullable(source.option(CmsSourceConnector.SECRET_HEADER)).filter(header -> !header.isBlank())
                .orElse(WebhookVerifier.DEFAULT_SECRET_HEADER);
    }

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    CmsSources sources;

    @Inject
    Event<CmsContentChanged> changed;

    /** A delivery taken twice. */
    public static final class Replayed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Replayed(String sourceId) {
            super("a delivery to " + sourceId + " that was taken before");
        }
    }

    /**
     * Takes a delivery for {@code sourceId}.
     *
     * @return the items it changed (none for events of other content types)
     * @throws CmsSourceRejectedException.SourceNotFound when there is no such enabled source
     * @throws WebhookRejectedException                  when the delivery does not prove it comes from the source,
     *                                                   is stale, or its payload does not read
     * @throws Replayed                                  when it was taken before
     */
    @Transactional
    public List<ContentRef> receive(String sourceId, UnaryOperator<String> headers, byte[] body) {
        CmsSources.Active source = sources.active(sourceId)
                .orElseThrow(() -> new CmsSourceRejectedException.SourceNotFound(sourceId));
        Delivery delivery = source.connector().verifier().verify(headers, body);
        List<ContentRef> refs = source.connector().parser().changes(body);
        boolean taken = !em.createNativeQuery("SELECT 1 FROM cms_webhook_delivery WHERE source_id = ?1 AND delivery_id = ?2")
                .setParameter(1, sourceId).setParameter(2, delivery.id()).getResultList().isEmpty();
        if (taken) {
            throw new Replayed(sourceId);
        }
        try {
            em.createNativeQuery("INSERT INTO cms_webhook_delivery (source_id, delivery_id, remember_until)"
                            + " VALUES (?1, ?2, ?3)")
                    .setParameter(1, sourceId).setParameter(2, delivery.id()).setParameter(3, delivery.rememberUntil())
                    .executeUpdate();
        } catch (PersistenceException e) { // the same delivery taken at the same moment on another node
            throw new Replayed(sourceId);
        }
        refs.forEach(ref -> changed.fire(new CmsContentChanged(sourceId, ref.kind(), ref.key(), ref.locale().orElse(null))));
        if (!refs.isEmpty()) {
            markers.bump(Topics.CMS_SOURCES);
        }
        LOG.fine(() -> "Webhook of " + sourceId + " (" + delivery.reference() + "): " + refs);
        return refs;
    }

    /** Forgets replay marks that can no longer matter (the delivery would be stale now): the retention job's. */
    @Transactional
    public int pruneReplayMarks(Instant now) {
        return em.createNativeQuery("DELETE FROM cms_webhook_delivery WHERE remember_until < ?1")
                .setParameter(1, now).executeUpdate();
    }
}
