package org.portico.cms.spi;

/** What a piece of CMS content is: a block placed into Portico pages, or a whole page. */
public enum ContentKind {
    /** A fragment shown inside a Portico page, e.g. the welcome text on the home page. */
    BLOCK,
    /** A page of its own. */
    PAGE
}
