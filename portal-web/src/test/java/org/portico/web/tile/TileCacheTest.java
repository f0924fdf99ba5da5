package org.portico.web.tile;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    /** A read as a tile's request makes it: what the cache hands at once, else what the fetch on the executor gives. */
    private List<TileItem> read(TileRequest request) {
        CompletableFuture<List<TileItem>> answer = cache.get(request);
        if (!answer.isDone()) {
            runBackground(); // the fetch, queued on the executor
        }
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    @Test
    void aFreshAnswerIsServedWithoutAskingTheApp() {
        List<TileItem> first = read(ALICE);
        clock.advance(FRESH_FOR.minusSeconds(1));

        List<TileItem> second = read(ALICE);
        runBackground();

        assertAll(() -> assertSame(first, second),
                () -> assertEquals(1, fetches.get()));
    }

    @Test
    void aStaleAnswerIsServedAtOnceWhileOneBackgroundFetchRefreshesIt() {
        read(ALICE);
        clock.advance(FRESH_FOR.plusSeconds(1));

        List<TileItem> stale = read(ALICE);
        List<TileItem> stillStale = read(ALICE);
        int fetchesBeforeTheRefreshRan = fetches.get();
        runBackground();

        assertAll(() -> assertEquals(answer(1), stale),
                () -> assertEquals(answer(1), stillStale),
                () -> assertEquals(1, fetchesBeforeTheRefreshRan, "the reader did not wait for the app"),
                () -> assertEquals(answer(2), read(ALICE)),
                () -> assertEquals(2, fetches.get(), "one refresh for two stale reads"));
    }

    @Test
    void aFailureIsNotCachedTheNextReadAsksAgain() {
        app = request -> {
            fetches.incrementAndGet();
            throw new TileUnavailableException("the app answered 500");
        };
        assertThrows(TileUnavailableException.class, () -> read(ALICE));

        app = request -> answer(fetches.incrementAndGet());

        assertAll(() -> assertEquals(answer(2), read(ALICE)),
                () -> assertEquals(2, fetches.get()));
    }

    @Test
    void aFailedRefreshKeepsTheStaleAnswerUntilItIsTooOldThenTheReaderSeesTheFailure() {
        read(ALICE);
        app = request -> {
            fetches.incrementAndGet();
            throw new TileUnavailableException("the app answered 500");
        };
        clock.advance(FRESH_FOR.plusSeconds(1));

        List<TileItem> stale = read(ALICE);
        runBackground();
        List<TileItem> afterFailedRefresh = read(ALICE);
        runBackground();
        clock.advance(STALE_FOR);

        assertAll(() -> assertEquals(answer(1), stale),
                () -> assertEquals(answer(1), afterFailedRefresh, "a failure never replaces the last answer"),
                () -> assertThrows(TileUnavailableException.class, () -> read(ALICE), "too old: asked again"));
    }

    @Test
    void eachUserSessionAndSettingsHaveTheirOwnAnswer() {
        TileRequest bob = new TileRequest("w1", SETTINGS, new UserIdentity("bob", "Bob", null, Set.of("end-user")),
                "sid-2");
        TileRequest aliceAgain = new TileRequest("w1", SETTINGS, ALICE.user(), "sid-3");
        TileRequest edited = new TileRequest("w1", new DataTileSettings("demo-app", "http://a.example/api",
                "/items", "/title", null, null, "/id", "invoice", "id", 3), ALICE.user(), "sid-1");

        read(ALICE);
        read(bob);
        read(aliceAgain);
        read(edited);
        read(ALICE);

        assertEquals(4, fetches.get());
    }

    @Test
    void readyHandsOnlyAnAnswerTheCacheHoldsAndNeverWaitsForTheApp() {
        Optional<List<TileItem>> never = cache.ready(ALICE);
        CompletableFuture<List<TileItem>> fetching = cache.get(ALICE);
        Optional<List<TileItem>> whileFetching = cache.ready(ALICE);
        int fetchesBeforeTheExecutorRan = fetches.get();
        runBackground();
        Optional<List<TileItem>> fetched = cache.ready(ALICE);
        clock.advance(FRESH_FOR.plusSeconds(1));
        Optional<List<TileItem>> stale = cache.ready(ALICE);
        runBackground(); // the refresh that reading the stale answer started
        Optional<List<TileItem>> refreshed = cache.ready(ALICE);
        app = request -> {
            fetches.incrementAndGet();
            throw new TileUnavailableException("the app answered 500");
        };
        clock.advance(FRESH_FOR.plus(STALE_FOR));
        CompletableFuture<List<TileItem>> failing = cache.get(ALICE);
        runBackground();

        assertAll(() -> assertEquals(Optional.empty(), never),
                () -> assertEquals(Optional.empty(), whileFetching, "a fetch on its way is not ready"),
                () -> assertEquals(0, fetchesBeforeTheExecutorRan),
                () -> assertEquals(Optional.of(answer(1)), fetched),
                () -> assertEquals(answer(1), fetching.join()),
                () -> assertEquals(Optional.of(answer(1)), stale, "stale, at once"),
                () -> assertEquals(Optional.of(answer(2)), refreshed, "and refreshed behind it"),
                () -> assertTrue(failing.isCompletedExceptionally()),
                () -> assertEquals(Optional.empty(), cache.ready(ALICE), "a failure is never ready"),
                () -> assertEquals(3, fetches.get()));
    }

    @Test
    void aMissIsFetchedOnTheExecutorNotInTheReadersThread() {
        CompletableFuture<List<TileItem>> answer = cache.get(ALICE);
        int fetchesBeforeTheExecutorRan = fetches.get();
        runBackground();

        assertAll(() -> assertEquals(0, fetchesBeforeTheExecutorRan, "the reader did not wait for the app"),
                () -> assertEquals(answer(1), answer.join()));
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
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            TileCache shared = new TileCache(request -> app.apply(request), FRESH_FOR, STALE_FOR, 100,
                    ClockTicker.of(clock), executor);
            CompletableFuture<List<TileItem>> first = shared.get(ALICE);
            await(fetching);
            CompletableFuture<List<TileItem>> second = shared.get(ALICE);
            CompletableFuture<List<TileItem>> third = shared.get(ALICE);
            boolean anyDoneWhileTheAppHung = first.isDone() || second.isDone() || third.isDone();
            appGivesUp.countDown();

            assertAll(
                    () -> assertFalse(anyDoneWhileTheAppHung, "all three wait for the one fetch"),
                    () -> assertCause(TileUnavailableException.class, first),
                    () -> assertCause(TileUnavailableException.class, second),
                    () -> assertCause(TileUnavailableException.class, third),
                    () -> assertEquals(1, fetches.get(), "one fetch for the three readers"));
        } finally {
            executor.shutdownNow();
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
