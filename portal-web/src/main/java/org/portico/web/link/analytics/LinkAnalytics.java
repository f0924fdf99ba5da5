package org.portico.web.link.analytics;

import java.time.Duration;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.portico.web.concurrent.BatchingWriter;
import org.portico.web.link.LinkResolved;
import org.portico.web.metrics.PorticoMetrics;
import org.portico.web.database.DatabaseMigrations;
import org.portico.web.database.DatabaseMigrations;
import org.portico.web.settings.Settings;

/**
 * Records every deep-link resolution off the request path. Link following fires {@link LinkResolved}
 * synchronously on the request thread; this observer only puts it in a queue, and one background writer
 * ({@link BatchingWriter} on the platform's managed scheduled executor) stores the queue in batches through
 * {@link LinkEventStore}, each batch with its daily counts in one transaction.
 *
 * <p><b>Exact counts.</b> Every event fired is stored once: the writer never drops one (a full queue makes the
 * request thread store a batch itself), and a batch that fails is tried again. On a clean shutdown the
 * {@code @PreDestroy} here stores what is still queued, before the persistence unit closes. A crash (kill -9) loses
 * what was queued and not yet written: at most the queue capacity, normally the last flush interval's events. A batch
 * that fails {@value #ATTEMPTS} times is reported in a SEVERE log line starting with "LOST".
 *
 * <p>Configuration (MicroProfile Config, e.g. {@code PORTICO_LINK_ANALYTICS_FLUSH_INTERVAL}), checked at start-up:
 * <ul>
 * <li>{@code portico.link-analytics.batch-size}: events per transaction, default 500</li>
 * <li>{@code portico.link-analytics.flush-interval}: longest wait of a partial batch, ISO-8601, default PT1S</li>
 * <li>{@code portico.link-analytics.queue-capacity}: events waiting at most, default 10000</li>
 * </ul>
 */
@ApplicationScoped
public class LinkAnalytics {

    private static final Logger LOG = Logger.getLogger(LinkAnalytics.class.getName());

    /** Tries of a failing batch, one flush interval apart, before it is reported as lost. */
    static final int ATTEMPTS = 3;

    /** How long a request thread waits for room in a full queue before it writes a batch itself. */
    static final Duration OFFER_TIMEOUT = Duration.ofMillis(50);

    @Inject
    Config config;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    LinkEventStore store;

    @Inject
    PorticoMetrics metrics;

    private BatchingWriter<LinkResolved> writer;

    @PostConstruct
    void start() {
        int batchSize = Settings.number(config, "portico.link-analytics.batch-size", 500, null, null);
        int queueCapacity = Settings.number(config, "portico.link-analytics.queue-capacity", 10_000, null, null);
        Duration flushInterval = Settings.duration(config, "portico.link-analytics.flush-interval", "PT1S", null, null);
        BatchingWriter.Settings settings;
        try {
            // The ranges, and how the settings relate, are BatchingWriter's.
            settings = new BatchingWriter.Settings(batchSize, queueCapacity, flushInterval, OFFER_TIMEOUT, ATTEMPTS);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Link analytics settings (portico.link-analytics.*): " + e.getMessage(), e);
        }
        writer = BatchingWriter.start("link analytics", store::write, settings, BatchingWriter.Scheduler.of(scheduler));
        LOG.info(() -> "Link analytics record in batches of up to " + settings.batchSize() + " every "
                + settings.flushInterval() + " (queue of " + settings.capacity() + ")");
    }

    /** Starts the writer with the application, so bad settings fail the deployment and not the first link. */
    void startUp(@Observes @Priority(DatabaseMigrations.PRIORITY + 10) @Initialized(ApplicationScoped.class) Object event) {
        stats();
    }

    /** Queues one resolution; returns at once (see the class comment for when it does not). Never throws. */
    void record(@Observes LinkResolved event) {
        metrics.linkHop(event.outcome().code());
        writer.submit(event);
    }

    /** Stores everything queued now, before returning: for tests and for a page that must show the latest. */
    public void flush() {
        writer.flush();
    }

    /** How many events were recorded, written and lost since start, and how many wait. */
    public BatchingWriter.Stats stats() {
        return writer.stats();
    }

    @PreDestroy
    void stop() {
        if (writer != null) {
            writer.close();
        }
    }
}
