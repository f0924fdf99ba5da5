package org.portico.cms.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
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
 *   runs on the executor (stale-while-revalidate);</li>
 *   <li>older still (nobody asked for it for a while): loaded again in the caller's thread.</li>
 * </ul>
 * When a load finds the source {@linkplain ContentUnavailableException unavailable}, the last good answer of the past
 * {@code staleIfError} takes its place, marked with the failure ({@link CachedContent#lastFailure}), and is served
 * from memory like a fresh one: while the source is down, readers wait for it at most once per answer (the first load
 * after expiry), and later reloads run in the background, one per {@code freshFor}, until it answers again. Only
 * without a last good answer does the exception reach the caller. Editors can be told what readers see
 * ({@link #lookup}: when it was fetched, whether the source failed since).
 *
 * <p>Loading walks the locale chain: the requested locale and its parents ({@code de-CH}, {@code de}), then the
 * fallback locale and its parents, then {@link Locale#ROOT}; the first item found wins, and it carries its own locale.
 * An answer of "not found" replaces the last good answer, so deleted content does not come back during an outage.
 *
 * <p>Durations come from the Caffeine {@link Ticker} and the instants shown to people from a {@link Clock}, so tests
 * advance fake ones instead of sleeping.
 *
 * <p>Thread-safe; concurrent requests for one key load it once.
 */
public final class CachingContentSource implements ContentSource {

    private static final System.Logger LOG = System.getLogger(CachingContentSource.class.getName());

    private final ContentSource delegate;
    private final Locale fallbackLocale;
    private final Ticker ticker;
    private final Clock clock;
    private final long staleIfErrorNanos;
    private final LoadingCache<Request, Answer> answers;
    private final Cache<Request, Answer> lastGood;

    private CachingContentSource(Builder builder) {
        this.delegate = builder.delegate;
        this.fallbackLocale = builder.fallbackLocale;
        this.ticker = builder.ticker;
        this.clock = builder.clock;
        this.staleIfErrorNanos = builder.staleIfError.toNanos();
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
                .recordStats()
                .build(new CacheLoader<>() {
                    @Override
                    public Answer load(Request request) {
                        return CachingContentSource.this.load(request, null);
                    }

                    @Override
                    public Answer reload(Request request, Answer old) {
                        return CachingContentSource.this.load(request, old);
                    }
                });
    }

    /**
     * Starts a cache in front of {@code delegate}; defaults: fresh for 1 minute, stale-while-revalidate 10 minutes,
     * stale-if-error 1 day, 10,000 answers, fallback locale English, system ticker and UTC clock, common fork-join
     * pool.
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
        return lookup(kind, key, locale).map(CachedContent::item);
    }

    /**
     * The content for {@code key} in {@code locale} or the nearest fallback locale, with when it was fetched and
     * whether the source failed since: what readers see, as an editor should be told about it.
     *
     * @throws ContentUnavailableException when the source cannot answer and there is no last good answer
     */
    public Optional<CachedContent> lookup(ContentKind kind, String key, Locale locale) {
        return answers.get(new Request(kind, key, locale)).content();
    }

    /**
     * What {@link #lookup} would answer from memory now, without asking the source or waiting for it: empty when
     * nothing (or "not found") is cached for the question. For a note beside content already looked up.
     */
    public Optional<CachedContent> cached(ContentKind kind, String key, Locale locale) {
        Answer answer = answers.getIfPresent(new Request(kind, key, locale));
        return answer == null ? Optional.empty() : answer.content();
    }

    /** Forgets the cached answers for {@code key} in every locale (e.g. on publish); last good answers stay. */
    public void invalidate(ContentKind kind, String key) {
        answers.asMap().keySet().removeIf(request -> request.kind() == kind && request.key().equals(key));
    }

    /**
     * Hits, misses and evictions of the cached answers since the start (not of the last good answers kept for
     * errors), for the operator's metrics. Thread-safe; a snapshot.
     */
    public CacheStats stats() {
        return answers.stats();
    }

    /** How many answers are cached now (an estimate). */
    public long size() {
        return answers.estimatedSize();
    }

    /** Forgets every cached answer; last good answers stay. */
    public void invalidateAll() {
        answers.invalidateAll();
    }

    /**
     * Asks the source (the locale chain); when it is unavailable, the last good answer marked with the failure: the
     * answer being reloaded ({@code old}) or the one kept apart, unless older than {@code staleIfError}.
     */
    private Answer load(Request request, Answer old) {
        try {
            Optional<ContentItem> found = Optional.empty();
            for (Locale candidate : LocaleChain.of(request.locale(), fallbackLocale)) {
                found = delegate.find(request.kind(), request.key(), candidate);
                if (found.isPresent()) {
                    break;
                }
            }
            Answer answer = new Answer(found, ticker.read(), clock.instant(), null);
            lastGood.put(request, answer);
            return answer;
        } catch (ContentUnavailableException e) {
            Answer good = old != null && ticker.read() - old.fetchedNanos() <= staleIfErrorNanos ? old
                    : lastGood.getIfPresent(request);
            if (good == null) {
                throw e;
            }
            if (good.lastFailure() == null) {
                LOG.log(System.Logger.Level.WARNING, () -> request + ": the source is unavailable, the last good answer"
                        + " (fetched at " + good.fetchedAt() + ") is served: " + e.getMessage());
            }
            return new Answer(good.item(), good.fetchedNanos(), good.fetchedAt(), clock.instant());
        }
    }

    /**
     * One cached answer: what was found, when (ticker and clock), and when the source last failed to answer since
     * (null while it answers).
     */
    private record Answer(Optional<ContentItem> item, long fetchedNanos, Instant fetchedAt, Instant lastFailure) {

        Optional<CachedContent> content() {
            return item.map(found -> new CachedContent(found, fetchedAt, Optional.ofNullable(lastFailure)));
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
        private Clock clock = Clock.systemUTC();
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

        /** The clock for the instants an answer tells ({@link CachedContent#fetchedAt}, its last failure). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
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
