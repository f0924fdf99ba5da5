package org.portico.web.cms;

import java.time.Instant;

/**
 * One version of a CMS item, as the history lists it. Immutable.
 *
 * @param published whether readers see this version now
 */
public record CmsVersionInfo(long revision, String title, String summary, String bodyHtml, Instant savedAt,
                             String savedBy, CmsItemVersion.Origin origin, boolean published) {

    static CmsVersionInfo of(CmsItemVersion version, Long publishedRevision) {
        return new CmsVersionInfo(version.getRevision(), version.getTitle(), version.getSummary(),
                version.getBodyHtml(), version.getSavedAt(), version.getSavedBy(), version.getOrigin(),
                publishedRevision != null && publishedRevision == version.getRevision());
    }
}
