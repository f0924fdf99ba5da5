package org.portico.web.concurrent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Group commit on a {@link BatchingWriter}: {@link #commit} returns only once the batch holding its item has been
 * taken by the sink (committed), but many concurrent callers share one sink call. A caller queues its item and then
 * flushes unless another thread is writing; whoever writes takes everything queued in one batch, and the others find their
 * items written (a caller whose item is not taken along writes the next batch itself). With one caller at a time it is
 * one write per item, never slower.
 *
 * <p>A batch is tried once: its callers have already been told it failed ({@link CommitFailedException}), so it must
 * not be written later behind their back; the writer reports it as lost. Waits are bounded by the given timeout.
 * Thread-safe.
 *
 * @param <T> the item type
 */
public final class GroupCommit<T> implements AutoCloseable {

    /** The commit did not happen: the sink failed, or the wait timed out (it may still happen, late). */
    public static final class CommitFailedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CommitFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Pending<T>(T item, CompletableFuture<Void> stored) {
        @Override
        public String toString() {
            return String.valueOf(item);
        }
    }

    /** How long a waiting caller lets the current writer work before it tries to write itself. */
    static final Duration POLL = Duration.ofMillis(1);

    private final String name;
    private final BatchingWriter<Pending<T>> writer;

    private GroupCommit(String name, Consumer<List<T>> sink, int batchSize, Duration flushInterval,
                        BatchingWriter.Scheduler scheduler) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sink, "sink");
        this.writer = BatchingWriter.start(name, batch -> {
            try {
                sink.accept(batch.stream().map(Pending::item).toList());
            } catch (RuntimeException e) {
                batch.forEach(pending -> pending.stored().completeExceptionally(e));
                throw e;
            }
            batch.forEach(pending -> pending.stored().complete(null));
        }, new BatchingWriter.Settings(batchSize, batchSize * 20, flushInterval, Duration.ofMillis(50), 1), scheduler);
    }

    /**
     * Starts a group commit.
     *
     * @param batchSize     most items per sink call (the queue holds 20 batches)
     * @param flushInterval how often items of callers that gave up waiting are written in the background
     */
    public static <T> GroupCommit<T> start(String name, Consumer<List<T>> sink, int batchSize, Duration flushInterval,
                                           BatchingWriter.Scheduler scheduler) {
        return new GroupCommit<>(name, sink, batchSize, flushInterval, scheduler);
    }

    /**
     * Hands {@code item} to the sink, together with whatever else is queued, and returns once it is committed.
     *
     * @throws CommitFailedException if the sink failed on its batch or it was not written within {@code timeout}
     */
    public void commit(T item, Duration timeout) {
        Pending<T> pending = new Pending<>(Objects.requireNonNull(item, "item"), new CompletableFuture<>());
        long deadline = System.nanoTime() + timeout.toNanos();
        writer.submit(pending);
        try {
            while (!pending.stored().isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                // Write ourselves if nobody is writing; else give the writer a moment to take our item along.
                if (!writer.tryFlush()) {
                    try {
                        pending.stored().get(Math.min(left, POLL.toNanos()), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException stillQueued) {
                        // not yet: look again
                    }
                }
            }
            pending.stored().get();
        } catch (ExecutionException e) {
            throw new CommitFailedException("The " + name + " could not store " + item, e.getCause());
        } catch (TimeoutException e) {
            throw new CommitFailedException("The " + name + " did not store " + item + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommitFailedException("Interrupted while the " + name + " stored " + item, e);
        }
    }

    /** Writes what is queued (items of callers that gave up waiting), on the calling thread. */
    public void flush() {
        writer.flush();
    }

    public BatchingWriter.Stats stats() {
        return writer.stats();
    }

    @Override
    public void close() {
        writer.close();
    }
}
