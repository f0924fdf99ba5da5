package org.portico.web.cms;

/** The life cycle of a block in the built-in store: editors work on a draft and publish it. */
public enum CmsBlockStatus {
    /** Being edited; shown only in previews. */
    DRAFT,
    /** Live: what {@link BuiltInContentSource} delivers. */
    PUBLISHED
}
