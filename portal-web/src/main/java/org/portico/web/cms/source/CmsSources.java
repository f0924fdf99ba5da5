package org.portico.web.cms.source;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.portico.cms.cache.CachingContentSource;
import org.portico.cms.http.JsonHttp;
import org.portico.cms.sanitize.HtmlSanitizer;
import org.portico.cms.sanitize.SanitizingContentSource;
import org.portico.cms.spi.ConnectionCheck;
import org.portico.cms.spi.ContentSource;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;
import org.portico.web.cms.CmsContentChanged;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The external sources at work: for each enabled source, its connector and its content behind the sanitiser and a
 * cache of its own (fresh for the source's {@code freshFor}; stale-while-revalidate and last good content when the
 * source is down, as for the built-in store). Built on first use; forgotten when the source changes on this node
 * ({@link CmsSourcesChanged}); its settings read again within a second of a change on another node (the {@code cms}
 * change marker) and at the latest every {@link #REBUILT_AFTER}, and rebuilt only when they changed (so its cache
 * lives on).
 */
@ApplicationScoped
public class CmsSources {

    /** What a whole connection check may take beyond the source's timeout (its requests each take at most that). */
    static final Duration CHECK_GRACE = Duration.ofMillis(250);

    /** How long a node uses a source's settings before reading them again (another node may have changed them). */
    static final Duration REBUILT_AFTER = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(CmsSources.class.getName());

    /** A source at work. */
    public record Active(CmsSource settings, CmsSourceConnector connector, CachingContentSource content) {
    }

    @Inject
    CmsSourceService sources;

    @Inject
    HtmlSanitizer sanitizer;

    @Inject
    Clock clock;

    /** The time of the re-readings and of the sources' caches (a test's own). */
    Ticker ticker = Ticker.systemTicker();

    private Executor executor;
    private LoadingCache<String, Optional<Active>> active;

    @PostConstruct
    void init() {
        executor = managedExecutor();
        active = Caffeine.newBuilder().ticker(ticker).refreshAfterWrite(REBUILT_AFTER).executor(executor)
                .maximumSize(CmsSourceService.MAX_SOURCES).build(new CacheLoader<>() {
                    @Override
                    public Optional<Active> load(String id) {
                        return build(id);
                    }

                    @Override
                    public Optional<Active> reload(String id, Optional<Active> old) {
                        return keepOrBuild(id, old);
                    }
                });
    }

    /** The source at work, if it exists and is enabled. */
    public Optional<Active> active(String id) {
        return active.get(id);
    }

    /** Its content (cached, sanitised), if the source exists and is enabled. */
    public Optional<ContentSource> content(String id) {
        return active(id).map(Active::content);
    }

    /**
     * Reaches the source as stored, and says what it reached and how long it took — within the source's timeout (and
     * {@link #CHECK_GRACE}) for the whole check, though a check may make several requests: an admin's page waits no
     * longer. A check still running then goes on in the background, each of its requests bounded by the timeout.
     *
     * @throws CmsSourceRejectedException.SourceNotFound when there is no such source
     */
    public ConnectionCheck test(String id) {
        CmsSource settings = sources.find(id).orElseThrow(() -> new CmsSourceRejectedException.SourceNotFound(
                id == null ? "" : id.replaceAll("[^a-z0-9-]", "?")));
        return within(settings.timeout().plus(CHECK_GRACE), sources.probe(id), executor,
                typeName(settings.type()) + " at " + settings.baseUrl(), settings.timeout());
    }

    /**
     * Runs {@code probe} on the executor and waits for it at most {@code deadline}; then, a failed check that says so.
     *
     * @param tried   what was being reached, for the failed check's summary
     * @param timeout the source's timeout, as the failed check names it
     */
    static ConnectionCheck within(Duration deadline, Supplier<ConnectionCheck> probe, Executor executor, String tried,
                                  Duration timeout) {
        long start = System.nanoTime();
        CompletableFuture<ConnectionCheck> check = CompletableFuture.supplyAsync(probe, executor);
        try {
            return check.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return ConnectionCheck.failed(tried, Duration.ofNanos(System.nanoTime() - start), "no complete answer within "
                    + JsonHttp.describe(timeout) + ", the source's timeout: it answers, but too slowly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed(tried, Duration.ofNanos(System.nanoTime() - start), "interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    private static String typeName(CmsSourceType type) {
        return switch (type) {
            case WORDPRESS -> "WordPress";
            case STRAPI -> "Strapi";
        };
    }

    private Optional<Active> build(String id) {
        return sources.connector(id).flatMap(connector -> sources.find(id).map(settings -> new Active(settings,
                connector, CachingContentSource.builder(new SanitizingContentSource(connector.source(), sanitizer))
                        .freshFor(settings.freshFor())
                        .ticker(ticker)
                        .clock(clock)
                        .executor(executor)
                        .build())));
    }

    /**
     * The source at work again, read anew in the background: the same one while its settings are unchanged, so what
     * its cache holds (the last good content, above all while the source is down) survives; a new one after a change
     * made on another node. (A change on this node forgets it at once.)
     */
    private Optional<Active> keepOrBuild(String id, Optional<Active> old) {
        Optional<CmsSource> stored = sources.find(id).filter(CmsSource::enabled);
        if (old.isPresent() && stored.isPresent() && stored.get().lockVersion() == old.get().settings().lockVersion()) {
            return old;
        }
        return build(id);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) CmsSourcesChanged change) {
        active.invalidate(change.id());
    }

    /** Forgets what is cached of an external source's item once a change of it is committed (a webhook's). */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) CmsContentChanged change) {
        if (!CmsSourceService.BUILT_IN.equals(change.source())) {
            Optional<Active> source = active.getIfPresent(change.source());
            if (source != null) {
                source.ifPresent(running -> running.content().invalidate(change.kind(), change.key()));
            }
        }
    }

    private static Executor managedExecutor() {
        try {
            return InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        } catch (NamingException e) {
            LOG.warning(() -> "No managed executor (" + e.getMessage() + "): CMS reloads run in request threads");
            return Runnable::run;
        }
    }

    /** A source, or its content (a webhook), changed on some node. */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.CMS_SOURCES)) {
            // Content of an external source (a webhook) or a source's settings: forget the content, and rebuild a
            // source whose settings moved (a refresh keeps a source whose stored version is unchanged).
            active.asMap().values().forEach(source -> source.ifPresent(running -> running.content().invalidateAll()));
            active.asMap().keySet().forEach(active::refresh);
        }
    }
}
