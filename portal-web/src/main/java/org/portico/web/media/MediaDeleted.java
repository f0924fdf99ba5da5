package org.portico.web.media;

/** An image was deleted; observed once the transaction committed, so caches forget it. */
record MediaDeleted(String sha256) {
}
