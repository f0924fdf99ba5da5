package org.portico.web.concurrent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes items off a hot path and hands them to a sink in batches, from a background thread: the caller of
 * {@link #submit} only enqueues. Built for writes that must not slow a request down but must not get lost either
 * (link analytics, later the audit log).
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li><b>Every submitted item reaches the sink once</b> ({@link Stats#written()}), or is reported as lost in a
 * SEVERE log line naming the writer and how many items it lost ({@link Stats#lost()}) — never silently dropped.
 * After {@link #close()}, {@code accepted == written + lost}.</li>
 * <li><b>Batches</b> hold at most {@code batchSize} items; a full batch is written at once, a partial one at the
 * latest after {@code flushInterval}.</li>
 * <li><b>One writer at a time</b>: the sink is never called concurrently by this writer, so it needs no locking of
 * its own (it must still be safe to call from different threads one after another).</li>
 * <li><b>Back-pressure</b>: when the queue ({@code capacity}) is full, the producer waits up to {@code offerTimeout}
 * for room and then writes a batch itself, on its own thread (like {@code CallerRunsPolicy}): slower for that one
 * caller, but nothing is dropped and memory stays bounded.</li>
 * <li><b>Failures</b>: a batch whose write throws is kept and tried again at the next flush (the other items wait in
 * the queue) up to {@code attempts} times in all; then it is reported and the writer goes on with the rest. Where
 * nobody can wait for a later flush ({@link #flush()}, {@link #close()}, the producer under back-pressure) the
 * attempts follow each other at once.</li>
 * <li><b>Shutdown</b>: {@link #close()} stops the schedule and writes everything still queued on the calling thread,
 * so it does not depend on the executor still running. Items submitted after that are written by their producer
 * directly. A crash (kill -9, power loss) loses what was still queued: at most {@code capacity} items, in practice
 * what arrived during the last {@code flushInterval}.</li>
 * </ul>
 *
 * <p>Time and threads are injected ({@link Scheduler}), so tests drive the flush interval by hand.
 * Thread-safe.
 *
 * @param <T> the item type; items should have a useful {@code toString()} for the loss report
 */
public final class BatchingWriter<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BatchingWriter.class.getName());

    /** How many lost items a loss report lists, so one line stays readable. */
    static final int REPORTED_ITEMS = 5;

    /**
     * Where the writer's background work runs: single drains requested now, and a drain every flush interval.
     * {@code java.util.concurrent.ScheduledExecutorService} (and its managed variant) fits through
     * {@link #of(java.util.concurrent.ScheduledExecutorService)}.
     */
    public interface Scheduler extends Executor {

        /** Runs {@code task} again and again, {@code interval} after the end of each run, until cancelled. */
        Cancellable repeat(Duration interval, Runnable task);

        /** A scheduler on an executor service: {@code scheduleWithFixedDelay} for the repeats. */
        static Scheduler of(java.util.concurrent.ScheduledExecutorService executor) {
            Objects.requireNonNull(executor, "executor");
            return new Scheduler() {
                @Override
                public void execute(Runnable command) {
                    executor.execute(command);
                }

                @Override
                public Cancellable repeat(Duration interval, Runnable task) {
                    long nanos = interval.toNanos();
                    var future = executor.scheduleWithFixedDelay(task, nanos, nanos, TimeUnit.NANOSECONDS);
                    return () -> future.cancel(false);
                }
            };
        }
    }

    /** Stops a repeated task. */
    @FunctionalInterface
    public interface Cancellable {
        void cancel();
    }

    /**
     * How a writer batches, validated on construction.
     *
     * @param batchSize     most items per sink call, 1–100,000
     * @param capacity      most items waiting in the queue, at least {@code batchSize}
     * @param flushInterval longest time a partial batch waits, 1 ms to 1 hour
     * @param offerTimeout  how long a producer waits for room in a full queue before it writes itself, 0 to 10 s
     * @param attempts      how often a failing batch is tried before it is reported as lost, 1–100
     */
    public record Settings(int batchSize, int capacity, Duration flushInterval, Duration offerTimeout, int attempts) {

        public Settings {
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("batch size must be between 1 and 100000, got " + batchSize);
            }
            if (capacity < batchSize) {
                throw new IllegalArgumentException("queue capacity must be at least the batch size (" + batchSize
                        + "), got " + capacity);
            }
            Objects.requireNonNull(flushInterval, "flushInterval");
            if (flushInterval.compareTo(Duration.ofMillis(1)) < 0 || flushInterval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("flush interval must be between PT0.001S and PT1H, got " + flushInterval);
            }
            Objects.requireNonNull(offerTimeout, "offerTimeout");
            if (offerTimeout.isNegative() || offerTimeout.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("offer timeout must be between PT0S and PT10S, got " + offerTimeout);
            }
            if (attempts < 1 || attempts > 100) {
                throw new IllegalArgumentException("attempts must be between 1 and 100, got " + attempts);
            }
        }
    }

    /**
     * What a writer has done so far.
     *
     * @param accepted items submitted
     * @param written  items the sink took
     * @param lost     items reported as lost after their last failed attempt
     * @param pending  items waiting: queued or held for another attempt
     */
    public record Stats(long accepted, long written, long lost, int pending) {
    }

    private final String name;
    private final Consumer<List<T>> sink;
    private final Settings settings;
    private final Scheduler scheduler;
    private final BlockingQueue<T> queue;

    /** Held by whoever calls the sink: the background drain, flush, close or a producer under back-pressure. */
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicBoolean drainRequested = new AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicBoolean warnedFull = new AtomicBoolean();
    private final Cancellable repeatedFlush;
    private volatile boolean closed;

    /** A batch whose last write failed, waiting for its next attempt (guarded by {@link #writing}). */
    private List<T> held;
    /** Failed attempts of {@link #held} so far (guarded by {@link #writing}). */
    private int heldAttempts;

    private BatchingWriter(String name, Consumer<List<T>> sink, Settings settings, Scheduler scheduler) {
        this.name = Objects.requireNonNull(name, "name");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.repeatedFlush = scheduler.repeat(settings.flushInterval(), this::drainInBackground);
    }

    /**
     * Starts a writer: from now on it drains every {@code flushInterval} on the scheduler.
     *
     * @param name      for log lines, e.g. "link analytics"
     * @param sink      takes one batch; throws to say the batch was not taken (it will be tried again)
     * @param settings  batch size, capacity, intervals, attempts
     * @param scheduler where background drains run
     */
    public static <T> BatchingWriter<T> start(String name, Consumer<List<T>> sink, Settings settings, Scheduler scheduler) {
        return new BatchingWriter<>(name, sink, settings, scheduler);
    }

    /**
     * Hands an item to the writer. Returns at once while the queue has room; otherwise waits up to the offer
     * timeout and then writes on the calling thread. Never throws because of the sink.
     */
    public void submit(T item) {
        Objects.requireNonNull(item, "item");
        accepted.incrementAndGet();
        if (closed) {
            writeOnCallerThread(item);
            return;
        }
        if (queue.offer(item) || offerWaiting(item)) {
            if (closed) {
                // close() may have drained before our item arrived: make sure it does not stay behind.
                flush();
            } else if (queue.size() >= settings.batchSize()) {
                requestDrain();
            }
            return;
        }
        if (warnedFull.compareAndSet(false, true)) {
            LOG.warning(() -> "The " + name + " queue is full (" + settings.capacity() + " items): producers write"
                    + " batches themselves until it has room again. Is the database slow?");
        }
        writeOnCallerThread(item);
    }

    private boolean offerWaiting(T item) {
        requestDrain();
        if (settings.offerTimeout().isZero()) {
            return false;
        }
        try {
            return queue.offer(item, settings.offerTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void requestDrain() {
        if (closed || !drainRequested.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> {
                drainRequested.set(false);
                drainInBackground();
            });
        } catch (RejectedExecutionException e) {
            // The executor is shutting down: the repeated flush, close() or the producer itself writes the items.
            drainRequested.set(false);
        }
    }

    /** The background drain: skips if another thread is writing (that one drains to the end anyway). */
    private void drainInBackground() {
        if (!writing.tryLock()) {
            return;
        }
        try {
            drain(true);
        } catch (RuntimeException e) {
            // Never let the repeated task die: a scheduled executor stops repeating a task that threw.
            LOG.log(Level.SEVERE, e, () -> "The " + name + " writer failed unexpectedly; it keeps running");
        } finally {
            writing.unlock();
        }
    }

    /**
     * Writes everything queued when it is called, on the calling thread, before it returns (waiting for a write in
     * progress first). Failed batches are tried again at once, then reported.
     */
    public void flush() {
        writing.lock();
        try {
            drain(false);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Like {@link #flush()} if no other thread is writing; otherwise returns false at once (that thread writes
     * everything queued before it lets go). The building block of a group commit ({@link GroupCommit}).
     *
     * @return true if this call wrote everything queued, false if another thread was writing
     */
    public boolean tryFlush() {
        if (!writing.tryLock()) {
            return false;
        }
        try {
            drain(false);
            return true;
        } finally {
            writing.unlock();
        }
    }

    /**
     * Stops the repeated flush and writes everything still queued, on the calling thread. Items submitted later are
     * written by their producers directly. Call it when the application stops ({@code @PreDestroy}).
     */
    @Override
    public void close() {
        closed = true;
        repeatedFlush.cancel();
        flush();
        Stats stats = stats();
        LOG.info(() -> "The " + name + " writer stopped: " + stats.written() + " items written, " + stats.lost()
                + " lost, " + stats.pending() + " pending");
    }

    /** Counts so far; consistent with each other only when nothing is being submitted. */
    public Stats stats() {
        writing.lock();
        try {
            return new Stats(accepted.get(), written.get(), lost.get(), queue.size() + (held == null ? 0 : held.size()));
        } finally {
            writing.unlock();
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Back-pressure or after close: this item and whatever else fits in its batch, written now by the producer. */
    private void writeOnCallerThread(T item) {
        writing.lock();
        try {
            List<T> batch = new ArrayList<>(settings.batchSize());
            batch.add(item);
            queue.drainTo(batch, settings.batchSize() - 1);
            write(batch, 0, false);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Writes the held batch, then the queue in batches, until the queue is empty. With {@code mayWait}, a failing
     * batch is held for the next call instead of being tried again at once, and the drain stops there.
     */
    private void drain(boolean mayWait) {
        if (held != null) {
            List<T> retry = held;
            int failedBefore = heldAttempts;
            held = null;
            heldAttempts = 0;
            if (!write(retry, failedBefore, mayWait)) {
                return;
            }
        }
        while (true) {
            List<T> batch = new ArrayList<>(Math.min(settings.batchSize(), Math.max(1, queue.size())));
            queue.drainTo(batch, settings.batchSize());
            if (batch.isEmpty()) {
                warnedFull.set(false);
                return;
            }
            if (!write(batch, 0, mayWait)) {
                return;
            }
        }
    }

    /**
     * Gives the batch to the sink; returns false when it failed and was held for a later attempt. The caller holds
     * {@link #writing}.
     */
    private boolean write(List<T> batch, int failedBefore, boolean mayWait) {
        int attempt = failedBefore;
        while (true) {
            try {
                sink.accept(List.copyOf(batch));
                written.addAndGet(batch.size());
                return true;
            } catch (RuntimeException e) {
                attempt++;
                if (attempt >= settings.attempts()) {
                    reportLost(batch, attempt, e);
                    return true;
                }
                int failed = attempt;
                if (mayWait) {
                    LOG.log(Level.WARNING, () -> "The " + name + " writer could not write " + batch.size()
                            + " items (attempt " + failed + " of " + settings.attempts() + "), trying again in "
                            + settings.flushInterval() + ": " + e);
                    held = batch;
                    heldAttempts = attempt;
                    return false;
                }
                LOG.log(Level.WARNING, () -> "The " + name + " writer could not write " + batch.size()
                        + " items (attempt " + failed + " of " + settings.attempts() + "), trying again now: " + e);
            }
        }
    }

    private void reportLost(List<T> batch, int attempts, RuntimeException cause) {
        lost.addAndGet(batch.size());
        List<T> sample = batch.subList(0, Math.min(REPORTED_ITEMS, batch.size()));
        LOG.log(Level.SEVERE, cause, () -> "LOST " + batch.size() + " " + name + " items: the batch failed "
                + attempts + " times and is given up (" + lost.get() + " lost since start). First items: " + sample);
    }
}
