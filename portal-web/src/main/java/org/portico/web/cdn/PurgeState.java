package org.portico.web.cdn;

/** Where a queued purge is ({@code cdn_purge.state}). */
public enum PurgeState {
    /** Queued, never tried: later changes to the same target still join it. */
    PENDING,
    /** Claimed by a worker on some node, until its lease ends. */
    IN_FLIGHT,
    /** Tried and not accepted: waits for its next attempt, with the last error. */
    FAILED,
    /** Every batch accepted. */
    DONE
}
