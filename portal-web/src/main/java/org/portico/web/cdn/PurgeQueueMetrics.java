package org.portico.web.cdn;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.portico.web.concurrent.PeriodicJob;
import org.portico.web.database.DatabaseMigrations;
import org.portico.web.metrics.PorticoMetrics;

/**
 * The purge queue's length by state as the gauge {@code portico_cdn_purges{state}}. A scrape never queries the
 * database: one query (grouped by state) every {@link #REFRESH} on the application's scheduler keeps the counts, and
 * the gauges read them from memory. They are {@code -1} until the first count (or while counting fails: the log
 * says why), so "unknown" is never mistaken for "empty". Every node of a cluster counts for itself, without a lease:
 * each node's metrics endpoint must answer on its own (a scrape of any node shows the shared queue), and the count is
 * one read-only query every 10 s.
 */
@ApplicationScoped
public class PurgeQueueMetrics {

    /** How old the counts may be. */
    static final Duration REFRESH = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(PurgeQueueMetrics.class.getName());

    @Inject
    PurgeQueue queue;

    @Inject
    PorticoMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicReference<Map<PurgeState, Long>> counts = new AtomicReference<>(Map.of());
    private PeriodicJob job;

    void startUp(@Observes @Priority(DatabaseMigrations.PRIORITY + 70) @Initialized(ApplicationScoped.class) Object event) {
        for (PurgeState state : PurgeState.values()) {
            metrics.gauge("portico.cdn.purges", () -> counts.get().getOrDefault(state, -1L), "state", state.name());
        }
        job = PeriodicJob.start("purge-queue-metrics", scheduler, Duration.ZERO, REFRESH, this::count);
    }

    private void count() {
        try {
            counts.set(Map.copyOf(queue.counts()));
        } catch (RuntimeException e) {
            counts.set(Map.of());
            LOG.log(Level.WARNING, "Counting the purge queue for its metrics failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.cancel();
        }
    }
}
