package org.portico.web.view.admin.cmssources;

import java.io.Serializable;

import org.portico.cms.spi.ConnectionCheck;

/**
 * What "Test connection" found, as the page shows it: whether the CMS was reached, what (or, when not, what was
 * tried and what went wrong), and how long it took. In the connector's plain English words; never a secret.
 */
public record CheckResult(String sourceId, boolean reached, String summary, String problem, long tookMillis)
        implements Serializable {

    static CheckResult of(String sourceId, ConnectionCheck check) {
        return new CheckResult(sourceId, check.reached(), check.summary(), check.problem(), check.took().toMillis());
    }
}
