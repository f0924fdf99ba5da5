package org.portico.web.cms.source;

import java.time.Duration;
import java.util.Optional;
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

/**
 * The external sources at work: for each enabled source, its connector and its content behind the sanitiser and a
 * cache of its own (fresh for the source's {@code freshFor}; stale-while-revalidate and last good content when the
 * source is down, as for the built-in store). Built on first use; forgotten when the source changes on this node
 * ({@link CmsSourcesChanged}) and after {@link #REBUILT_AFTER} at the latest, for changes made on another node.
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

    private Executor executor;
    private final Cache<String, Optional<Active>> active = Caffeine.newBuilder()
            .expireAfterWrite(REBUILT_AFTER).maximumSize(CmsSourceService.MAX_SOURCES).build();

    @PostConstruct
    void init() {
        executor = managedExecutor();
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
        return sources.connector(id).flatMap(connector -> sources.find(id).map(settings -> new Active(settings,
                connector, CachingContentSource.builder(new SanitizingContentSource(connector.source(), sanitizer))
                        .freshFor(settings.freshFor())
                        .executor(executor)
                        .build())));
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
}
