package org.portico.web.cms.source;

import java.util.List;

/** The kinds of external CMS Portico reads, each with the options it reads besides the base URL and credential. */
public enum CmsSourceType {
    /** WordPress 6 over its REST API ({@code wp/v2}), with an application password for drafts and blocks. */
    WORDPRESS(List.of(CmsSourceConnector.USER, CmsSourceConnector.SITE_LANGUAGE)),
    /** Strapi 5 over its REST API, with an API token. */
    STRAPI(List.of(CmsSourceConnector.PAGE_COLLECTION, CmsSourceConnector.PAGE_MODEL,
            CmsSourceConnector.BLOCK_COLLECTION, CmsSourceConnector.BLOCK_MODEL, CmsSourceConnector.SLUG_FIELD,
            CmsSourceConnector.TITLE_FIELD, CmsSourceConnector.BODY_FIELD, CmsSourceConnector.SECRET_HEADER));

    private final List<String> options;

    CmsSourceType(List<String> options) {
        this.options = options;
    }

    /**
     * The names of the options a source of this type reads, in the order an admin fills them in (besides
     * {@link CmsSourceChange#ALLOW_INTERNAL_HOST}, which every type reads).
     */
    public List<String> options() {
        return options;
    }
}
