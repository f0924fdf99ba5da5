package org.portico.web.cms.source;

/** The kinds of external CMS Portico reads. */
public enum CmsSourceType {
    /** WordPress 6 over its REST API ({@code wp/v2}), with an application password for drafts and blocks. */
    WORDPRESS,
    /** Strapi 5 over its REST API, with an API token. */
    STRAPI
}
