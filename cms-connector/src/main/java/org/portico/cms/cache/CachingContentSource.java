package org.portico.cms.cache;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;

import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentSource;
import org.portico.cms.spi.ContentUnavailableException;

/**
 * A {@link ContentSource} decorator that caches answers, falls back across locales, and keeps serving the last good
 * content while the CMS is down.
 *
 * <p>For each request (kind, key, locale) the answer is cached, including "not found":
 * <ul>
 *   <li>younger than {@code freshFor}: served from memory;</li>
 *   <li>older, but within {@code freshFor + staleWhileRevalidate}: served from memory while one background reload
 *   runs on the executor (stale-while-revalidate); if the source is then unavailable, the old answer stays, as if
 *   just loaded, for as long as it is a last good answer (within {@code staleIfError}): the source is asked again
 *   after {@code freshFor}, in the background, not at the next read, and readers never wait for a source that is
 *   down (one warning is logged per failed reload);</li>
 *   <li>older still: loaded again in the caller's thread; if the source is then
 *   {@linkplain ContentUnavailableException unavailable}, the last good answer of the past {@code staleIfError} is
 *   served instead, and only without one does the exception reach the caller.</li>
 * </ul>
 * Loading walks the locale chain: the requested locale and its parents ({@code de-CH}, {@code de}), then the
 * fallback locale and its parents, then {@link Locale#ROOT}; the first item found wins, and it carries its own locale.
 * An answer of "not found" replaces the last good answer, so deleted content does not come back during an outage.
 *
 * <p>Time comes from the Caffeine {@link Ticker}, so tests advance a fake ticker instead of sleeping.
 *
 * <p>Thread-safe; concurrent requests for one key load it once.
 */
public final class CachingContentSource implements ContentSource {

    private static final System.Logger LOG = System.getLogger(CachingContentSource.class.getName());

    private final ContentSource delegate;
    private final Locale fallbackLocale;
    private final LoadingCache<Request, Optional<ContentItem>> answers;
    private final Cache<Request, Optional<ContentItem>> lastGood;

    private CachingContentSource(Builder builder) {
        this.delegate = builder.delegate;
        this.fallbackLocale = builder.fallbackLocale;
        this.lastGood = Caffeine.newBuilder()
                .ticker(builder.ticker)
                .expireAfterWrite(builder.staleIfError)
                .maximumSize(builder.maximumSize)
                .build();
        this.answers = Caffeine.newBuilder()
                .ticker(builder.ticker)
                .executor(builder.executor)
                .refreshAfterWrite(builder.freshFor)
                .expireAfterWrite(builder.freshFor.plus(builder.staleWhileRevalidate))
                .maximumSize(builder.maximumSize)
                .build(new CacheLoader<>() {
                    @Override
                    public Optional<ContentItem> load(Request request) {
                        return CachingContentSource.this.load(request);
                    }

                    @Override
                    public Optional<ContentItem> reload(Request request, Optional<ContentItem> old) {
                        return CachingContentSource.this.reload(request, old, builder.freshFor);
                    }
                });
    }

    /**
     * Starts a cache in front of {@code delegate}; defaults: fresh for 1 minute, stale-while-revalidate 10 minutes,
     * stale-if-error 1 day, 10,000 answers, fallback locale English, system ticker, common fork-join pool.
     */
    public static Builder builder(ContentSource delegate) {
        return new Builder(delegate);
    }

    /**
     * The content for {@code key} in {@code locale} or the nearest fallback locale.
     *
     * @throws ContentUnavailableException when the source cannot answer and there is no last good answer
     */
    @Override
    public Optional<ContentItem> find(ContentKind kind, String key, Locale locale) {
        Request request = new Request(kind, key, locale);
        try {
            return answers.get(request);
        } catch (ContentUnavailableException e) {
            Optional<ContentItem> stale = lastGood.getIfPresent(request);
            if (stale == null) {
                throw e;
            }
            return stale;
        }
    }

    /** Forgets the cached answers for {@code key} in every locale (e.g. on publish); last good answers stay. */
    public void invalidate(ContentKind kind, String key) {
        answers.asMap().keySet().removeIf(request -> request.kind() == kind && request.key().equals(key));
    }

    /** Forgets every cached answer; last good answers stay. */
    public void invalidateAll() {
        answers.invalidateAll();
    }

    private Optional<ContentItem> load(Request request) {
        Optional<ContentItem> answer = Optional.empty();
        for (Locale candidate : LocaleChain.of(request.locale(), fallbackLocale)) {
            answer = delegate.find(request.kind(), request.key(), candidate);
            if (answer.isPresent()) {
                break;
            }
        }
        lastGood.put(request, answer);
        return answer;
    }

    /**
     * A failed background reload keeps the old answer as new while it is a last good one: otherwise every read after
     * the failure would start another reload (a storm of requests at a source that is down, and of warnings), and
     * after {@code staleWhileRevalidate} every reader would wait for the source in its own thread.
     */
    private Optional<ContentItem> reload(Request request, Optional<ContentItem> old, Duration freshFor) {
        try {
            return load(request);
        } catch (ContentUnavailableException e) {
            if (lastGood.getIfPresent(request) == null) {
                throw e;
            }
            LOG.log(Level.WARNING, () -> "CMS " + request + " kept as it was, its source is unavailable: "
                    + e.getMessage() + "; asked again in " + freshFor.toSeconds() + " s");
            return old;
        }
    }

    /** One cached question. */
    record Request(ContentKind kind, String key, Locale locale) {
        Request {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(locale, "locale");
        }
    }

    /**
     * Configures a {@link CachingContentSource}. Each setter checks its value and says what a valid one looks like.
     * Not thread-safe; use it from one thread and discard it after {@link #build()}.
     */
    public static final class Builder {

        private static final Duration MAX_DURATION = Duration.ofDays(30);

        private final ContentSource delegate;
        private Duration freshFor = Duration.ofMinutes(1);
        private Duration staleWhileRevalidate = Duration.ofMinutes(10);
        private Duration staleIfError = Duration.ofDays(1);
        private long maximumSize = 10_000;
        private Locale fallbackLocale = Locale.ENGLISH;
        private Ticker ticker = Ticker.systemTicker();
        private Executor executor = ForkJoinPool.commonPool();

        private Builder(ContentSource delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /**
         * How long an answer is served without asking the source again.
         *
         * @throws IllegalArgumentException unless between PT1S and P30D
         */
        public Builder freshFor(Duration value) {
            this.freshFor = requireBetween("freshFor", value, Duration.ofSeconds(1));
            return this;
        }

        /**
         * How long after {@code freshFor} an answer is still served while it is reloaded in the background.
         *
         * @throws IllegalArgumentException unless between PT0S and P30D
         */
        public Builder staleWhileRevalidate(Duration value) {
            this.staleWhileRevalidate = requireBetween("staleWhileRevalidate", value, Duration.ZERO);
            return this;
        }

        /**
         * How long the last good answer is kept for when the source is unavailable.
         *
         * @throws IllegalArgumentException unless between PT1S and P30D
         */
        public Builder staleIfError(Duration value) {
            this.staleIfError = requireBetween("staleIfError", value, Duration.ofSeconds(1));
            return this;
        }

        /**
         * How many answers (per kind, key and requested locale) are kept.
         *
         * @throws IllegalArgumentException unless between 1 and 1,000,000
         */
        public Builder maximumSize(long value) {
            if (value < 1 || value > 1_000_000) {
                throw new IllegalArgumentException("maximumSize must be between 1 and 1000000, got " + value);
            }
            this.maximumSize = value;
            return this;
        }

        /** The locale tried after the requested one and its parents, before locale-less content. */
        public Builder fallbackLocale(Locale value) {
            this.fallbackLocale = Objects.requireNonNull(value, "fallbackLocale");
            return this;
        }

        /** The time source for freshness and expiry. */
        public Builder ticker(Ticker value) {
            this.ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        /** Where background reloads run; in a container, a managed executor. */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** The configured cache, empty. */
        public CachingContentSource build() {
            return new CachingContentSource(this);
        }

        private static Duration requireBetween(String name, Duration value, Duration min) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + MAX_DURATION
                        + ", got '" + value + "'");
            }
            return value;
        }
    }

    /** For tests and diagnostics: the locales tried for {@code locale}. */
    List<Locale> localeChain(Locale locale) {
        return LocaleChain.of(locale, fallbackLocale);
    }
}
