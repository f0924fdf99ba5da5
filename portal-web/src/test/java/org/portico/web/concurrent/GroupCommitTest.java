package org.portico.web.concurrent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portico.web.testing.ManualScheduler;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit: {@code commit} returns only after its item's batch was taken by the sink, shares batches between
 * concurrent callers, and fails (instead of returning) when the sink fails or is too slow. The background schedule
 * never runs here ({@link ManualScheduler}), so whatever is written was written by the committing callers themselves.
 */
class GroupCommitTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private GroupCommit<String> commit;

    private GroupCommit<String> start(Consumer<List<String>> sink) {
        commit = GroupCommit.start("test log", sink, 100, Duration.ofSeconds(1), scheduler);
        return commit;
    }

    @AfterEach
    void close() {
        if (commit != null) {
            commit.close();
        }
    }

    @Test
    void commitReturnsOnlyOnceTheItemIsInTheSink() {
        start(batches::add).commit("exchange 1", Duration.ofSeconds(5));

        assertEquals(List.of(List.of("exchange 1")), batches, "written on the caller's thread, before it returned");
    }

    @Test
    void aFailingSinkFailsTheCommitAndTheItemIsNotWrittenLater() {
        GroupCommit<String> failing = start(batch -> {
            throw new IllegalStateException("database down");
        });

        GroupCommit.CommitFailedException e = assertThrows(GroupCommit.CommitFailedException.class,
                () -> failing.commit("exchange 1", Duration.ofSeconds(5)));
        scheduler.advance(Duration.ofSeconds(10));

        assertAll(
                () -> assertEquals("database down", e.getCause().getMessage()),
                () -> assertEquals(1, failing.stats().lost(), "reported as lost, never tried again"),
                () -> assertEquals(0, failing.stats().pending()));
    }

    @Test
    void aSinkSlowerThanTheTimeoutFailsTheCommitInTime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inSink = new CountDownLatch(1);
        GroupCommit<String> slow = start(batch -> {
            inSink.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(batch);
        });
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<?> holding = first.submit(() -> slow.commit("first", Duration.ofSeconds(10)));
            assertTrue(inSink.await(10, TimeUnit.SECONDS), "the first caller writes");
            long start = System.nanoTime();

            assertThrows(GroupCommit.CommitFailedException.class, () -> slow.commit("second", Duration.ofMillis(200)));

            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited < 2000, "bounded wait, took " + waited + " ms");
            release.countDown();
            holding.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            first.shutdownNow();
        }
    }

    @Test
    void concurrentCallersShareBatchesAndEveryOneIsWrittenOnce() throws Exception {
        start(batch -> {
            try {
                Thread.sleep(5); // a commit takes time: callers arriving meanwhile join the next batch
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(batch);
        });
        int callers = 16;
        int perCaller = 25;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perCaller; i++) {
                    commit.commit(caller + "-" + i, Duration.ofSeconds(30));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<String> written = batches.stream().flatMap(List::stream).toList();
        assertAll(
                () -> assertEquals(callers * perCaller, written.size()),
                () -> assertEquals(callers * perCaller, written.stream().distinct().count(), "each once"),
                () -> assertTrue(batches.size() < callers * perCaller / 2,
                        "one commit serves several callers: " + batches.size() + " batches "
                                + batches.stream().map(List::size).toList()));
    }
}
