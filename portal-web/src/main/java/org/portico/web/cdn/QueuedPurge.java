package org.portico.web.cdn;

import java.time.Instant;
import java.util.SortedSet;

import org.portico.cdn.purge.PurgeTarget;

/**
 * A row of the purge queue as admins see it. Immutable.
 *
 * @param requestedBy   who asked by hand; null for a content change
 * @param nextAttemptAt when a pending or failed purge is tried (again)
 * @param claimedUntil  while in flight: when the claiming worker's lease ends and another node may take over
 * @param batchesTotal  how many requests the purge is sent in (0 before the first attempt)
 */
public record QueuedPurge(long id, long targetId, String targetName, PurgeTarget.Kind targetKind,
                          SortedSet<String> tags, SortedSet<String> urls, PurgeState state, String requestedBy,
                          int attempts, Instant nextAttemptAt, Instant claimedUntil, String lastError,
                          int batchesTotal, int batchesDone, Instant createdAt, Instant doneAt) {
}
