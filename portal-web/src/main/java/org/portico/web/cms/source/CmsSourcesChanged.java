package org.portico.web.cms.source;

/** A source was added, changed or removed: its connector is built anew once the transaction has completed. */
public record CmsSourcesChanged(String id) {
}
