package org.portico.web.concurrent;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On a real ScheduledThreadPoolExecutor (the kind the container's managed one is), with a hand-driven clock. */
class PeriodicJobTest {

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final AtomicLong now = new AtomicLong();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void runsWhenDueOnlyAndAfterEachPeriod() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ticked = new CountDownLatch(1);
        AtomicInteger polls = new AtomicInteger(); // each tick reads the time once
        PeriodicJob.start("test", executor, Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMillis(5),
                () -> {
                    polls.incrementAndGet();
                    return now.get();
                }, () -> {
                    runs.incrementAndGet();
                    ticked.countDown();
                });

        awaitTicks(polls, 2);
        assertEquals(0, runs.get(), "not due before the initial delay");
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertTrue(ticked.await(5, TimeUnit.SECONDS));
        awaitTicks(polls, 2);
        assertEquals(1, runs.get(), "once, then not again within the period");
        now.addAndGet(Duration.ofHours(1).toNanos());
        waitFor(() -> runs.get() == 2);
    }

    @Test
    void aFailingJobRunsAgainAtItsNextPeriod() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        PeriodicJob.start("failing", executor, Duration.ZERO, Duration.ofHours(1), Duration.ofMillis(5), now::get, () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        waitFor(() -> runs.get() == 1);
        now.addAndGet(Duration.ofHours(1).toNanos());
        waitFor(() -> runs.get() == 2);
    }

    @Test
    void aCancelledJobLeavesTheExecutorsQueueWithinATick() throws Exception {
        PeriodicJob job = PeriodicJob.start("cancelled", executor, Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofMillis(20), now::get, () -> { });
        assertEquals(1, executor.getQueue().size());

        job.cancel();

        // The executor does not remove cancelled tasks (removeOnCancel is off, as in the container's executor) — it
        // drops them when they come due: within one tick, not an hour.
        waitFor(() -> executor.getQueue().isEmpty());
    }

    /** Waits until the job has looked at the clock {@code ticks} more times. */
    private static void awaitTicks(AtomicInteger polls, int ticks) throws InterruptedException {
        int from = polls.get();
        waitFor(() -> polls.get() >= from + ticks);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 5 s");
            Thread.sleep(5);
        }
    }
}
