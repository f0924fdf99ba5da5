package org.portico.web.page;

import java.time.Instant;

/** A page with its bookkeeping: the latest revision (what an update must name) and who saved it when. */
public record PageInfo(PortalPage page, long revision, Instant updatedAt, String updatedBy) {
}
