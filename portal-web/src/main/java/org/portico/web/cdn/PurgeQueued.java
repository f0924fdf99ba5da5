package org.portico.web.cdn;

/** Purges were queued (or one is to be retried now): once committed, this node's worker looks at once. */
record PurgeQueued() {
}
