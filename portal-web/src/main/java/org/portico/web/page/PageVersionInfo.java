package org.portico.web.page;

import java.time.Instant;

/** One saved version of a page, as the version list shows it. */
public record PageVersionInfo(long revision, Instant savedAt, String savedBy) {
}
