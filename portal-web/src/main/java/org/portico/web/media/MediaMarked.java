package org.portico.web.media;

/** An image was marked private or public; observed once the transaction committed, so caches of the marks forget. */
record MediaMarked(String sha256, boolean privateFile) {
}
