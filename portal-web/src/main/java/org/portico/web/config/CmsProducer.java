package org.portico.web.config;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.portico.cms.cache.CachingContentSource;
import org.portico.cms.sanitize.HtmlSanitizer;
import org.portico.cms.sanitize.SanitizingContentSource;
import org.portico.cms.spi.ContentSource;
import org.portico.web.cms.BuiltInContentSource;
import org.portico.web.cms.CmsCacheSettings;
import org.portico.web.metrics.PorticoMetrics;
import org.portico.web.settings.PorticoIssuer;

/**
 * Wires the CMS pipeline: built-in store → sanitiser → cache (with locale fallback and last-good content).
 * Sanitising sits inside the cache, so each version of a block is sanitised once.
 *
 * <p>Configuration (MicroProfile Config: system properties, environment such as {@code PORTICO_CMS_CACHE_FRESH_FOR},
 * ...), checked at start-up:
 * <ul>
 *   <li>{@code portico.cms.cache.fresh-for} (ISO-8601 duration, default {@code PT1M})</li>
 *   <li>{@code portico.cms.cache.stale-while-revalidate} (default {@code PT10M})</li>
 *   <li>{@code portico.cms.cache.stale-if-error} (default {@code P1D})</li>
 *   <li>{@code portico.cms.default-locale} (BCP 47 tag, default {@code en})</li>
 * </ul>
 */
@ApplicationScoped
public class CmsProducer {

    private static final Logger LOG = Logger.getLogger(CmsProducer.class.getName());

    /** The platform's default managed executor: background reloads then run with the application's context. */
    private static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    @Inject
    Config config;

    /**
     * The cache itself, for code that must invalidate it (publishing, webhooks). {@code @Singleton} because the class
     * is final; {@code @Typed} so that it does not compete with {@link #contentSource} for {@link ContentSource}.
     */
    @Produces
    @Singleton
    @Typed(CachingContentSource.class)
    CachingContentSource cmsCache(BuiltInContentSource store, HtmlSanitizer sanitizer, Clock clock,
                                  PorticoMetrics metrics) {
        CachingContentSource.Builder builder = CachingContentSource.builder(new SanitizingContentSource(store, sanitizer));
        CmsCacheSettings.read(config).applyTo(builder);
        CachingContentSource cache = builder.clock(clock).executor(backgroundExecutor()).build();
        metrics.cache("cms", cache::stats, cache::size);
        return cache;
    }

    /**
     * The sanitiser of CMS content: when shown, and in the built-in store when saved. Images on Portico's own host
     * must be assets: CMS content cannot make readers' browsers GET /link/, /api/ …
     */
    @Produces
    @Singleton
    HtmlSanitizer sanitizer(PorticoIssuer portico) {
        return HtmlSanitizer.editorial(List.of(URI.create(portico.url()).getHost()));
    }

    /** What pages and widgets read CMS content from: cached, sanitised, locale-aware. */
    @Produces
    @ApplicationScoped
    ContentSource contentSource(CachingContentSource cache) {
        return cache;
    }

    /** Fails the deployment on bad CMS settings, instead of on the first page that shows a block. */
    void checkAtStartUp(@Observes @Initialized(ApplicationScoped.class) Object event, CachingContentSource cache) {
        LOG.fine(() -> "CMS cache configured: " + cache);
    }

    private static Executor backgroundExecutor() {
        try {
            return InitialContext.doLookup(MANAGED_EXECUTOR);
        } catch (NamingException e) {
            // Without EE concurrency, reloads run in the reading request's thread: slower for that request, still correct.
            LOG.warning(() -> MANAGED_EXECUTOR + " is not available (" + e.getMessage()
                    + "); CMS cache reloads will run in request threads");
            return Runnable::run;
        }
    }
}
