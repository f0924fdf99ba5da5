package org.portico.deeplink.throttle;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link FailureThrottle} knows of one key: an immutable value a {@link ThrottleStore} keeps.
 *
 * @param failures      failures counted since {@code firstAt}
 * @param inFlight      attempts reserved and not ended yet
 * @param firstAt       when counting started
 * @param lockedUntil   the end of the key's lock, null when never locked
 * @param inFlightUntil when the reservations in flight count for nothing any more (their node may have died), null
 *                      when none is in flight
 * @param expiresAt     when the state says nothing any more and may be dropped: the window, the lock and the
 *                      reservations have all ended
 */
public record ThrottleState(int failures, int inFlight, Instant firstAt, Instant lockedUntil, Instant inFlightUntil,
                            Instant expiresAt) {

    public ThrottleState {
        Objects.requireNonNull(firstAt, "firstAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (failures < 0 || inFlight < 0) {
            throw new IllegalArgumentException("counts can't be negative, got " + failures + " and " + inFlight);
        }
    }

    /** Whether the key is locked at {@code now}. */
    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
