package org.portico.web.view.admin.cmssources;

import java.io.Serializable;
import java.time.Instant;

import org.portico.web.cms.source.CmsSource;
import org.portico.web.cms.source.CmsSourceChange;
import org.portico.web.cms.source.CmsSourceType;

/**
 * One line of the admin list of CMS sources: a serializable snapshot, so the view state never holds what the service
 * reads. Never a secret: only whether a credential is stored.
 *
 * @param webhookUrl  where the source's CMS delivers its webhooks (absolute)
 * @param lockVersion the version the list was read at: enabling or disabling from the list is refused when the
 *                    source was changed since
 */
public record CmsSourceRow(String id, CmsSourceType type, String name, String baseUrl, boolean hasCredential,
                           boolean allowsInternalHost, long timeoutMillis, long freshForSeconds, boolean enabled,
                           Instant updatedAt, String updatedBy, String webhookUrl, long lockVersion)
        implements Serializable {

    static CmsSourceRow of(CmsSource source, String webhookUrl) {
        return new CmsSourceRow(source.id(), source.type(), source.name(), source.baseUrl(), source.hasCredential(),
                "true".equals(source.option(CmsSourceChange.ALLOW_INTERNAL_HOST)), source.timeout().toMillis(),
                source.freshFor().toSeconds(), source.enabled(), source.updatedAt(), source.updatedBy(), webhookUrl,
                source.lockVersion());
    }
}
