package org.portico.web.tile;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The data tiles' answers, per {@link TileRequest} (user, session, widget, settings), with stale-while-revalidate:
 * <ul>
 *   <li>younger than {@code freshFor}: served from memory;</li>
 *   <li>older, but younger than {@code freshFor + staleFor}: served from memory while one background fetch runs on
 *   the executor; if that fetch fails, the old answer stays until it is too old;</li>
 *   <li>older still, or never fetched: fetched on the executor, the caller's future completing with it.</li>
 * </ul>
 * A failed fetch is never stored: the next read asks the app again. Concurrent reads of one key share one fetch,
 * its answer or its failure: when an app hangs, the readers who came while a fetch waited for its timeout get that
 * fetch's failure with it, instead of each starting a fetch of their own after it and waiting for that one's timeout
 * in turn (a synchronous Caffeine cache would do that: its next waiter computes again once a computation fails). And
 * no request thread waits for an app: a hanging app must not take the server's worker threads from the pages.
 * Bounded by {@code maxEntries}; time from the {@link Ticker}, so tests advance a fake one. Thread-safe.
 */
final class TileCache {

    private final AsyncLoadingCache<TileRequest, List<TileItem>> answers;

    TileCache(Function<TileRequest, List<TileItem>> fetch, Duration freshFor, Duration staleFor, long maxEntries,
              Ticker ticker, Executor executor) {
        Objects.requireNonNull(fetch, "fetch");
        CacheLoader<TileRequest, List<TileItem>> load = fetch::apply; // loads and refreshes, on the executor
        answers = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(executor)
                .refreshAfterWrite(freshFor)
                .expireAfterWrite(freshFor.plus(staleFor))
                .maximumSize(maxEntries)
                .recordStats()
                .buildAsync(load);
    }

    /** The answers as a synchronous view, for their statistics ({@code recordStats}). */
    Cache<TileRequest, List<TileItem>> view() {
        return answers.synchronous();
    }

    /**
     * The items: fresh or stale at once (a completed future), else from a fetch on the executor that whoever asks
     * for the same key meanwhile shares. Nobody's thread waits for the app.
     *
     * @return the items, or the fetch's failure, as it threw it
     */
    CompletableFuture<List<TileItem>> get(TileRequest request) {
        return answers.get(request);
    }

    /**
     * The items if the cache holds an answer now, fresh or stale (a stale one starts its refresh, as {@link #get}
     * does); empty while a fetch runs, after a failure, or when nobody asked yet. Never waits, never fetches.
     */
    Optional<List<TileItem>> ready(TileRequest request) {
        CompletableFuture<List<TileItem>> answer = answers.getIfPresent(request);
        return answer != null && answer.isDone() && !answer.isCompletedExceptionally()
                ? Optional.of(answer.join()) : Optional.empty();
    }

    /** Runs pending maintenance (tests). */
    void cleanUp() {
        answers.synchronous().cleanUp();
    }
}
