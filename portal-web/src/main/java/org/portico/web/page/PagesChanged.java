package org.portico.web.page;

/** A page was created, changed, reverted or deleted: cached pages are forgotten once the transaction completes. */
public record PagesChanged(String slug) {
}
