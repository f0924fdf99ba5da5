package org.portico.web.concurrent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portico.web.concurrent.BatchingWriter.Settings;
import org.portico.web.concurrent.BatchingWriter.Stats;
import org.portico.web.testing.ManualScheduler;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchingWriterTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final ManualScheduler scheduler = new ManualScheduler();
    /** The sink: every batch it took, in order. */
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final List<LogRecord> log = new CopyOnWriteArrayList<>();
    private final Handler logHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger writerLogger = Logger.getLogger(BatchingWriter.class.getName());

    @BeforeEach
    void captureLog() {
        writerLogger.addHandler(logHandler);
    }

    @AfterEach
    void releaseLog() {
        writerLogger.removeHandler(logHandler);
    }

    private BatchingWriter<String> writer(int batchSize, int capacity, int attempts, Consumer<List<String>> sink) {
        return BatchingWriter.start("test", sink, new Settings(batchSize, capacity, INTERVAL, Duration.ZERO, attempts),
                scheduler);
    }

    private BatchingWriter<String> writer(int batchSize, int capacity) {
        return writer(batchSize, capacity, 3, batches::add);
    }

    private static List<String> items(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private List<String> everythingWritten() {
        return batches.stream().flatMap(List::stream).toList();
    }

    private List<Integer> batchSizes() {
        return batches.stream().map(List::size).toList();
    }

    private List<String> logged(Level level) {
        return log.stream().filter(r -> r.getLevel() == level).map(r -> r.getMessage()).toList();
    }

    @Test
    void aFullBatchIsWrittenInTheBackgroundAtOnceAndAPartialOneAtTheNextFlush() {
        BatchingWriter<String> writer = writer(5, 100);

        items("e", 5).forEach(writer::submit);
        assertEquals(List.of(), batches, "the producer only enqueues");
        scheduler.runReady();
        assertEquals(List.of(items("e", 5)), batches, "a full batch goes at once");
        writer.submit("f0");
        writer.submit("f1");
        scheduler.runReady();
        assertEquals(1, batches.size(), "a partial batch waits");
        scheduler.advance(INTERVAL);

        assertAll(
                () -> assertEquals(List.of(items("e", 5), items("f", 2)), batches),
                () -> assertEquals(new Stats(7, 7, 0, 0), writer.stats()));
    }

    @Test
    void aDrainWritesEverythingQueuedInBatchesOfAtMostTheBatchSize() {
        BatchingWriter<String> writer = writer(5, 100);

        items("e", 12).forEach(writer::submit);
        scheduler.runReady();

        assertEquals(List.of(5, 5, 2), batchSizes());
        assertEquals(items("e", 12), everythingWritten());
        assertEquals(0, writer.stats().pending());
    }

    @Test
    void aPartialBatchWaitsNoLongerThanTheFlushInterval() {
        BatchingWriter<String> writer = writer(500, 1000);
        writer.submit("a");
        scheduler.advance(Duration.ofMillis(400));
        writer.submit("b");
        writer.submit("c");

        scheduler.advance(Duration.ofMillis(599));
        assertEquals(List.of(), batches);
        assertEquals(3, writer.stats().pending());

        scheduler.advance(Duration.ofMillis(1));
        assertEquals(List.of(List.of("a", "b", "c")), batches);
    }

    @Test
    void closeWritesEverythingStillQueuedOnTheCallingThread() {
        BatchingWriter<String> writer = writer(4, 100);
        items("q", 10).forEach(writer::submit);

        writer.close(); // the scheduler never runs a task here
        int repeatsAfterClose = (int) scheduler.activeRepeats();
        writer.submit("late");

        assertAll(
                () -> assertEquals(List.of(4, 4, 2, 1), batchSizes()),
                () -> assertEquals(items("q", 10), everythingWritten().subList(0, 10)),
                () -> assertEquals("late", everythingWritten().get(10), "written by its producer after close"),
                () -> assertEquals(0, repeatsAfterClose, "the repeated flush is cancelled"),
                () -> assertEquals(new Stats(11, 11, 0, 0), writer.stats()),
                () -> assertTrue(logged(Level.INFO).stream().anyMatch(m -> m.contains("10 items written, 0 lost, 0 pending"))));
    }

    @Test
    void aProducerFacingAFullQueueWritesABatchItselfInsteadOfDroppingItems() {
        BatchingWriter<String> writer = writer(3, 4);
        String producer = Thread.currentThread().getName();
        List<String> writtenBy = new ArrayList<>();
        batches.clear();
        BatchingWriter<String> watched = BatchingWriter.start("test", batch -> {
            writtenBy.add(Thread.currentThread().getName());
            batches.add(batch);
        }, writer.settings(), scheduler);

        items("p", 6).forEach(watched::submit); // the scheduler runs nothing: the queue (4) overflows

        assertAll(
                () -> assertEquals(List.of(3), batchSizes(), "the 5th item brought its batch along: itself and 2 queued"),
                () -> assertEquals(List.of(producer), writtenBy),
                () -> assertEquals(Set.of("p0", "p1", "p4"), new HashSet<>(everythingWritten())),
                () -> assertEquals(3, watched.stats().pending()),
                () -> assertTrue(logged(Level.WARNING).stream().anyMatch(m -> m.contains("queue is full (4 items)"))));
        watched.close();
        assertEquals(Set.copyOf(items("p", 6)), new HashSet<>(everythingWritten()));
        assertEquals(6, everythingWritten().size(), "each item once");
        writer.close();
    }

    @Test
    void aFailingBatchIsHeldAndTriedAgainAtTheNextFlush() {
        AtomicInteger calls = new AtomicInteger();
        BatchingWriter<String> writer = writer(10, 100, 3, batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database restarting");
            }
            batches.add(batch);
        });
        items("r", 4).forEach(writer::submit);

        scheduler.advance(INTERVAL);
        assertEquals(List.of(), batches);
        assertEquals(4, writer.stats().pending(), "held, not lost");
        writer.submit("r4");
        scheduler.advance(INTERVAL);

        assertAll(
                () -> assertEquals(List.of(items("r", 4), List.of("r4")), batches, "the held batch first, then the rest"),
                () -> assertEquals(new Stats(5, 5, 0, 0), writer.stats()),
                () -> assertTrue(logged(Level.WARNING).stream().anyMatch(m -> m.contains("attempt 1 of 3"))),
                () -> assertEquals(List.of(), logged(Level.SEVERE)));
    }

    @Test
    void aBatchThatKeepsFailingIsReportedAsLostLoudlyAndTheOthersAreWritten() {
        BatchingWriter<String> writer = writer(3, 100, 3, batch -> {
            if (batch.contains("poison")) {
                throw new IllegalArgumentException("value too long for column");
            }
            batches.add(batch);
        });
        List.of("a", "poison", "b", "c", "d", "e").forEach(writer::submit);
        scheduler.runReady(); // the first full batch fails once and is held

        scheduler.advance(INTERVAL); // second attempt
        assertEquals(0, writer.stats().lost());
        scheduler.advance(INTERVAL); // third and last attempt, then the rest

        assertAll(
                () -> assertEquals(List.of(List.of("c", "d", "e")), batches),
                () -> assertEquals(new Stats(6, 3, 3, 0), writer.stats()),
                () -> assertEquals(1, logged(Level.SEVERE).size()),
                () -> assertTrue(logged(Level.SEVERE).get(0).startsWith("LOST 3 test items: the batch failed 3 times"),
                        logged(Level.SEVERE).get(0)),
                () -> assertTrue(logged(Level.SEVERE).get(0).contains("[a, poison, b]"), "names what was lost"));
    }

    @Test
    void flushTriesAFailingBatchAgainAtOnceBecauseNobodyWaitsForTheNextInterval() {
        AtomicInteger failures = new AtomicInteger(2);
        BatchingWriter<String> writer = writer(10, 100, 3, batch -> {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("deadlock detected");
            }
            batches.add(batch);
        });
        writer.submit("x");

        writer.flush();

        assertEquals(List.of(List.of("x")), batches);
        assertEquals(new Stats(1, 1, 0, 0), writer.stats());
    }

    @Test
    void everyItemFromTwentyThreadsIsWrittenExactlyOnceThroughAClose() throws Exception {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger concurrentCalls = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        BatchingWriter<String> writer = BatchingWriter.start("concurrent", batch -> {
            if (concurrentCalls.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            written.addAll(batch);
            concurrentCalls.decrementAndGet();
        }, new Settings(50, 200, Duration.ofMillis(5), Duration.ofMillis(1), 3), BatchingWriter.Scheduler.of(executor));
        int threads = 20;
        int perThread = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch halfway = new CountDownLatch(threads);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread producer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    writer.submit(thread + ":" + i);
                    if (i == perThread / 2) {
                        halfway.countDown();
                    }
                }
            });
            producer.start();
            producers.add(producer);
        }

        start.countDown();
        halfway.await();
        writer.close(); // while half of every producer's items are still to come
        for (Thread producer : producers) {
            producer.join();
        }
        executor.shutdown();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));

        assertAll(
                () -> assertEquals(threads * perThread, written.size(), "no item lost, none twice"),
                () -> assertEquals(threads * perThread, new HashSet<>(written).size()),
                () -> assertEquals(new Stats(threads * perThread, threads * perThread, 0, 0), writer.stats()),
                () -> assertEquals(0, overlaps.get(), "the sink is never called by two threads at once"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0      | 10   | PT1S     | PT0S  | 3   | batch size must be between 1 and 100000, got 0",
        "10     | 5    | PT1S     | PT0S  | 3   | queue capacity must be at least the batch size (10), got 5",
        "10     | 100  | PT0S     | PT0S  | 3   | flush interval must be between PT0.001S and PT1H, got PT0S",
        "10     | 100  | PT2H     | PT0S  | 3   | flush interval must be between PT0.001S and PT1H, got PT2H",
        "10     | 100  | PT1S     | PT11S | 3   | offer timeout must be between PT0S and PT10S, got PT11S",
        "10     | 100  | PT1S     | PT0S  | 0   | attempts must be between 1 and 100, got 0",
    })
    void settingsSayWhatAValidValueIs(int batchSize, int capacity, Duration interval, Duration offer, int attempts,
                                      String message) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Settings(batchSize, capacity, interval, offer, attempts));
        assertEquals(message, e.getMessage());
    }
}
