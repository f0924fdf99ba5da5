package org.portico.web.security;

import java.util.concurrent.Semaphore;

/**
 * Bounds how many password checks (PBKDF2, 210,000 iterations: tens of milliseconds of one core each) run at once, so
 * a burst of login posts cannot queue up unbounded CPU work: a login that finds every slot taken is answered at once
 * ("too many logins at once, try again in a moment") without hashing. The bound comes from
 * {@code portico.login.max-concurrent-password-checks} (default: twice the number of cores, enough to keep every core
 * busy while a request waits on the database).
 * <p>
 * Thread-safe; never blocks.
 */
public final class PasswordCheckSlots {

    private final int size;
    private final Semaphore slots;

    /** @throws IllegalArgumentException when {@code size} is below 1 */
    public PasswordCheckSlots(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("portico.login.max-concurrent-password-checks must be a number of 1 or"
                    + " more (e.g. 4), got " + size);
        }
        this.size = size;
        this.slots = new Semaphore(size);
    }

    /** Twice the number of cores this JVM may use. */
    public static int defaultSize() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    /** Takes a slot if one is free; every {@code true} must be followed by exactly one {@link #release()}. */
    public boolean tryAcquire() {
        return slots.tryAcquire();
    }

    /** Gives back a slot taken by {@link #tryAcquire()}. */
    public void release() {
        slots.release();
    }

    /** The configured bound. */
    public int size() {
        return size;
    }
}
