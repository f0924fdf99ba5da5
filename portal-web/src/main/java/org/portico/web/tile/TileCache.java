package org.portico.web.tile;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The data tiles' answers, per {@link TileRequest} (user, session, widget, settings), with stale-while-revalidate:
 * <ul>
 *   <li>younger than {@code freshFor}: served from memory;</li>
 *   <li>older, but younger than {@code freshFor + staleFor}: served from memory while one background fetch runs on
 *   the executor; if that fetch fails, the old answer stays until it is too old;</li>
 *   <li>older still, or never fetched: fetched in the caller's thread.</li>
 * </ul>
 * A failed fetch is never stored: the next read asks the app again. Concurrent reads of one key share one fetch,
 * its answer or its failure: when an app hangs, the readers who came while a fetch waited for its timeout get that
 * fetch's failure with it, instead of each starting a fetch of their own after it and waiting for that one's timeout
 * in turn (a synchronous Caffeine cache would do that: its next waiter computes again once a computation fails).
 * Bounded by {@code maxEntries}; time from the {@link Ticker}, so tests advance a fake one. Thread-safe.
 */
final class TileCache {

    private final Function<TileRequest, List<TileItem>> fetch;
    private final AsyncLoadingCache<TileRequest, List<TileItem>> answers;

    TileCache(Function<TileRequest, List<TileItem>> fetch, Duration freshFor, Duration staleFor, long maxEntries,
              Ticker ticker, Executor executor) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        CacheLoader<TileRequest, List<TileItem>> refresh = fetch::apply; // background refreshes, on the executor
        answers = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(executor)
                .refreshAfterWrite(freshFor)
                .expireAfterWrite(freshFor.plus(staleFor))
                .maximumSize(maxEntries)
                .buildAsync(refresh);
    }

    /**
     * The items, fresh or stale, else fetched now.
     *
     * @throws RuntimeException what the fetch threw, as it threw it
     */
    List<TileItem> get(TileRequest request) {
        CompletableFuture<List<TileItem>> mine = new CompletableFuture<>();
        CompletableFuture<List<TileItem>> answer = answers.get(request, (key, executor) -> mine);
        if (answer == mine) { // nobody had it, nor was fetching it: fetch in this thread
            try {
                mine.complete(fetch.apply(request));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e); // Caffeine removes the entry: the next read asks again
            }
        }
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Runs pending maintenance (tests). */
    void cleanUp() {
        answers.synchronous().cleanUp();
    }
}
