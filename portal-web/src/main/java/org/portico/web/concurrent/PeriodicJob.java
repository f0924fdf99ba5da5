package org.portico.web.concurrent;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a job every {@code period} (hourly key rotation checks, hourly purges) on a scheduled executor, through a
 * short {@link #TICK}: the executor only ever holds a task due within one tick.
 *
 * <p>Why: a cancelled task of a {@code ScheduledThreadPoolExecutor} — the container's default managed scheduled
 * executor is one — stays in its queue until it would have run. A task scheduled an hour ahead therefore kept an
 * undeployed Portico (its bean graph and class loader, about 25 MB) in memory for up to an hour after every redeploy;
 * found with a heap dump after three redeploys. With a tick, a cancelled job is gone within {@link #TICK}.
 *
 * <p>A job that throws is logged and runs again at its next period. Thread-safe.
 */
public final class PeriodicJob {

    /** How often the executor wakes the job up to see whether it is due. */
    public static final Duration TICK = Duration.ofSeconds(15);

    private static final Logger LOG = Logger.getLogger(PeriodicJob.class.getName());

    private final String name;
    private final Runnable job;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final ScheduledFuture<?> ticking;
    private long nextRun;

    private PeriodicJob(String name, ScheduledExecutorService executor, Duration initialDelay, Duration period,
                        Duration tick, LongSupplier nanoTime, Runnable job) {
        this.name = Objects.requireNonNull(name, "name");
        this.job = Objects.requireNonNull(job, "job");
        this.nanoTime = nanoTime;
        if (period.isNegative() || period.isZero() || initialDelay.isNegative()) {
            throw new IllegalArgumentException("period must be positive and the initial delay not negative, got "
                    + period + " and " + initialDelay);
        }
        this.periodNanos = period.toNanos();
        this.nextRun = nanoTime.getAsLong() + initialDelay.toNanos();
        long tickNanos = Math.min(tick.toNanos(), periodNanos);
        this.ticking = executor.scheduleWithFixedDelay(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    }

    /** Starts running {@code job} after {@code initialDelay}, then every {@code period}, ticking every {@link #TICK}. */
    public static PeriodicJob start(String name, ScheduledExecutorService executor, Duration initialDelay,
                                    Duration period, Runnable job) {
        return new PeriodicJob(name, executor, initialDelay, period, TICK, System::nanoTime, job);
    }

    /** As {@link #start}, with the tick and the time source given (for tests). */
    static PeriodicJob start(String name, ScheduledExecutorService executor, Duration initialDelay, Duration period,
                             Duration tick, LongSupplier nanoTime, Runnable job) {
        return new PeriodicJob(name, executor, initialDelay, period, tick, nanoTime, job);
    }

    private synchronized void tick() {
        long now = nanoTime.getAsLong();
        if (now - nextRun < 0) {
            return;
        }
        nextRun = now + periodNanos;
        try {
            job.run();
        } catch (RuntimeException e) {
            // Never let the repeated tick die: a scheduled executor stops repeating a task that threw.
            LOG.log(Level.SEVERE, e, () -> "The periodic job '" + name + "' failed; it runs again in its next period");
        }
    }

    /** Stops the job; the executor lets go of it within one tick. Call it when the application stops. */
    public void cancel() {
        ticking.cancel(false);
    }
}
