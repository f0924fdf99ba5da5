package org.portico.web.tile;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.portico.deeplink.token.ClockTicker;
import org.portico.deeplink.token.UserIdentity;
import org.portico.web.testing.MutableClock;

/** Stale-while-revalidate per user, session and tile, on a fake clock: nothing here sleeps. */
class TileCacheTest {

    private static final Duration FRESH_FOR = Duration.ofSeconds(30);
    private static final Duration STALE_FOR = Duration.ofMinutes(5);
    private static final DataTileSettings SETTINGS = new DataTileSettings("demo-app", "http://a.example/api",
            "/items", "/title", null, null, "/id", "invoice", "id", 5);
    private static final TileRequest ALICE = new TileRequest("w1", SETTINGS,
            new UserIdentity("alice", "Alice", null, Set.of("end-user")), "sid-1");

    private final MutableClock clock = MutableClock.startingAt("2026-12-01T10:00:00Z");
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private Function<TileRequest, List<TileItem>> app = request -> answer(fetches.incrementAndGet());

    private final TileCache cache = new TileCache(request -> app.apply(request), FRESH_FOR, STALE_FOR, 100,
            ClockTicker.of(clock), background::add);

    private static List<TileItem> answer(int version) {
        return List.of(new TileItem("42", "Invoice v" + version, null, null, false));
    }

    private void runBackground() {
        for (Runnable task = background.poll(); task != null; task = background.poll()) {
            task.run();
        }
    }

    @Test
    void aFreshAnswerIsServedWithoutAskingTheApp() {
        List<TileItem> first = cache.get(ALICE);
        clock.advance(FRESH_FOR.minusSeconds(1));

        List<TileItem> second = cache.get(ALICE);
        runBackground();

        assertAll(() -> assertSame(first, second),
                () -> assertEquals(1, fetches.get()));
    }

    @Test
    void aStaleAnswerIsServedAtOnceWhileOneBackgroundFetchRefreshesIt() {
        cache.get(ALICE);
        clock.advance(FRESH_FOR.plusSeconds(1));

        List<TileItem> stale = cache.get(ALICE);
        List<TileItem> stillStale = cache.get(ALICE);
        int fetchesBeforeTheRefreshRan = fetches.get();
        runBackground();

        assertAll(() -> assertEquals(answer(1), stale),
                () -> assertEquals(answer(1), stillStale),
                () -> assertEquals(1, fetchesBeforeTheRefreshRan, "the reader did not wait for the app"),
                () -> assertEquals(answer(2), cache.get(ALICE)),
                () -> assertEquals(2, fetches.get(), "one refresh for two stale reads"));
    }

    @Test
    void aFailureIsNotCachedTheNextReadAsksAgain() {
        app = request -> {
            fetches.incrementAndGet();
            throw new TileUnavailableException("the app answered 500");
        };
        assertThrows(TileUnavailableException.class, () -> cache.get(ALICE));

        app = request -> answer(fetches.incrementAndGet());

        assertAll(() -> assertEquals(answer(2), cache.get(ALICE)),
                () -> assertEquals(2, fetches.get()));
    }

    @Test
    void aFailedRefreshKeepsTheStaleAnswerUntilItIsTooOldThenTheReaderSeesTheFailure() {
        cache.get(ALICE);
        app = request -> {
            fetches.incrementAndGet();
            throw new TileUnavailableException("the app answered 500");
        };
        clock.advance(FRESH_FOR.plusSeconds(1));

        List<TileItem> stale = cache.get(ALICE);
        runBackground();
        List<TileItem> afterFailedRefresh = cache.get(ALICE);
        runBackground();
        clock.advance(STALE_FOR);

        assertAll(() -> assertEquals(answer(1), stale),
                () -> assertEquals(answer(1), afterFailedRefresh, "a failure never replaces the last answer"),
                () -> assertThrows(TileUnavailableException.class, () -> cache.get(ALICE), "too old: asked again"));
    }

    @Test
    void eachUserSessionAndSettingsHaveTheirOwnAnswer() {
        TileRequest bob = new TileRequest("w1", SETTINGS, new UserIdentity("bob", "Bob", null, Set.of("end-user")),
                "sid-2");
        TileRequest aliceAgain = new TileRequest("w1", SETTINGS, ALICE.user(), "sid-3");
        TileRequest edited = new TileRequest("w1", new DataTileSettings("demo-app", "http://a.example/api",
                "/items", "/title", null, null, "/id", "invoice", "id", 3), ALICE.user(), "sid-1");

        cache.get(ALICE);
        cache.get(bob);
        cache.get(aliceAgain);
        cache.get(edited);
        cache.get(ALICE);

        assertEquals(4, fetches.get());
    }

    @Test
    void readersWhoComeWhileAFetchWaitsShareItsFailureInsteadOfEachWaitingForOneOfTheirOwn() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch appGivesUp = new CountDownLatch(1);
        app = request -> {
            fetches.incrementAndGet();
            fetching.countDown();
            await(appGivesUp); // a hanging app, until the fetch's timeout
            throw new TileUnavailableException("timed out");
        };
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(3, task -> {
            Thread thread = new Thread(task, "reader-" + threads.size());
            threads.add(thread);
            return thread;
        });
        try {
            Future<?> first = readers.submit(() -> cache.get(ALICE));
            await(fetching);
            Future<?> second = readers.submit(() -> cache.get(ALICE));
            Future<?> third = readers.submit(() -> cache.get(ALICE));
            // All three wait: the first for the app, the others for the first one's fetch.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (threads.size() < 3 || threads.stream().anyMatch(t -> t.getState() != Thread.State.WAITING
                    && t.getState() != Thread.State.TIMED_WAITING)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the readers did not all wait: " + threads);
                }
                Thread.onSpinWait();
            }
            appGivesUp.countDown();

            assertAll(
                    () -> assertCause(TileUnavailableException.class, first),
                    () -> assertCause(TileUnavailableException.class, second),
                    () -> assertCause(TileUnavailableException.class, third),
                    () -> assertEquals(1, fetches.get(), "one fetch for the three readers"));
        } finally {
            readers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited 10 s in vain");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertCause(Class<? extends Throwable> expected, Future<?> reader) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> reader.get(10, TimeUnit.SECONDS));
        assertEquals(expected, failure.getCause().getClass(), () -> String.valueOf(failure.getCause()));
    }
}
