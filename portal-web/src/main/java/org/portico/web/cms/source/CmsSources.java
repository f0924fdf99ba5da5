package org.portico.web.cms.source;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.portico.cms.cache.CachingContentSource;
import org.portico.cms.sanitize.HtmlSanitizer;
import org.portico.cms.sanitize.SanitizingContentSource;
import org.portico.cms.spi.ConnectionCheck;
import org.portico.cms.spi.ContentSource;
import org.portico.web.cms.CmsContentChanged;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The external sources at work: for each enabled source, its connector and its content behind the sanitiser and a
 * cache of its own (fresh for the source's {@code freshFor}; stale-while-revalidate and last good content when the
 * source is down, as for the built-in store). Built on first use; forgotten when the source changes on this node
 * ({@link CmsSourcesChanged}). Its settings are read again after {@link #REBUILT_AFTER} at the latest, for changes
 * made on another node: a source whose settings are still the same keeps what was built for it, its cache and the
 * last good content in it included, so that a source down for longer than that still shows its pages.
 */
@ApplicationScoped
public class CmsSources {

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

    /** The time of the settings' re-reading and of the sources' caches; tests advance a fake one. */
    Ticker ticker = Ticker.systemTicker();
    private Executor executor;
    private Cache<String, Optional<Active>> active;
    /** What is at work for each source, kept while its settings stay the same. */
    private final Map<String, Active> built = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        executor = managedExecutor();
        active = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(REBUILT_AFTER)
                .maximumSize(CmsSourceService.MAX_SOURCES).build();
    }

    /** The source at work, if it exists and is enabled. */
    public Optional<Active> active(String id) {
        return active.get(id, this::build);
    }

    /** Its content (cached, sanitised), if the source exists and is enabled. */
    public Optional<ContentSource> content(String id) {
        return active(id).map(Active::content);
    }

    /** Reaches the source as stored. */
    public ConnectionCheck test(String id) {
        return sources.test(id);
    }

    private Optional<Active> build(String id) {
        Optional<CmsSource> stored = sources.find(id);
        Active previous = built.get(id);
        if (previous != null && stored.filter(previous.settings()::equals).isPresent()) {
            return Optional.of(previous);
        }
        Optional<Active> fresh = sources.connector(id).flatMap(connector -> stored.map(settings -> new Active(settings,
                connector, CachingContentSource.builder(new SanitizingContentSource(connector.source(), sanitizer))
                        .freshFor(settings.freshFor())
                        .ticker(ticker)
                        .executor(executor)
                        .build())));
        fresh.ifPresentOrElse(running -> built.put(id, running), () -> built.remove(id));
        return fresh;
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) CmsSourcesChanged change) {
        built.remove(change.id());
        active.invalidate(change.id());
    }

    /** Forgets what is cached of an external source's item once a change of it is committed (a webhook's). */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) CmsContentChanged change) {
        if (!CmsSourceService.BUILT_IN.equals(change.source())) {
            // what is kept at work, also between a re-reading's expiry and the next use
            Active running = built.get(change.source());
            if (running != null) {
                running.content().invalidate(change.kind(), change.key());
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
}
