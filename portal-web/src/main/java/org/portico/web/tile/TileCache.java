package org.portico.web.tile;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The data tiles' answers, per {@link TileRequest} (user, session, widget, settings), with stale-while-revalidate:
 * <ul>
 *   <li>younger than {@code freshFor}: served from memory;</li>
 *   <li>older, but younger than {@code freshFor + staleFor}: served from memory while one background fetch runs on
 *   the executor; if that fetch fails, the old answer stays until it is too old;</li>
 *   <li>older still, or never fetched: fetched in the caller's thread.</li>
 * </ul>
 * A failed fetch is never stored (Caffeine stores no exception): the next read asks the app again. Bounded by
 * {@code maxEntries}; time from the {@link Ticker}, so tests advance a fake one. Thread-safe; concurrent reads of one
 * key fetch once.
 */
final class TileCache {

    private final LoadingCache<TileRequest, List<TileItem>> answers;

    TileCache(Function<TileRequest, List<TileItem>> fetch, Duration freshFor, Duration staleFor, long maxEntries,
              Ticker ticker, Executor executor) {
        Objects.requireNonNull(fetch, "fetch");
        answers = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(executor)
                .refreshAfterWrite(freshFor)
                .expireAfterWrite(freshFor.plus(staleFor))
                .maximumSize(maxEntries)
                .build(fetch::apply);
    }

    /**
     * The items, fresh or stale, else fetched now.
     *
     * @throws RuntimeException what the fetch threw, as it threw it
     */
    List<TileItem> get(TileRequest request) {
        return answers.get(request);
    }

    /** Runs pending maintenance (tests). */
    void cleanUp() {
        answers.cleanUp();
    }
}
