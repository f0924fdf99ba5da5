package org.portico.web.cms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.portico.cms.cache.CachingContentSource;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;

/**
 * Forgets cached content when what readers see of it changed ({@link CmsContentChanged}), once the change is
 * committed: the next reader gets the new version. Other nodes forget all their cached content within a second
 * (the {@code cms} change marker: which item changed is not told across nodes).
 */
@ApplicationScoped
public class CmsCacheInvalidation {

    @Inject
    CachingContentSource cache;

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) CmsContentChanged change) {
        if (CmsService.BUILT_IN.equals(change.source())) {
            cache.invalidate(change.kind(), change.key());
        }
    }

    /** Content changed on some node (which item is not told): forget the cached built-in content. */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.CMS)) {
            cache.invalidateAll();
        }
    }
}
