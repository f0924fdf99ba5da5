package org.portico.web.cluster;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.portico.web.database.DatabaseMigrations;
import org.portico.web.metrics.PorticoMetrics;

/**
 * Reads the change markers every {@link #POLL} and fires {@link TopicsChanged} for the topics whose version moved, so
 * a change committed on any node is forgotten from this node's caches within {@code POLL} plus one query (well under
 * a second).
 *
 * <p>Scheduled straight on the container's managed scheduled executor with a fixed delay, not through
 * {@code PeriodicJob}: its 15 s tick is far too slow here, and the reason for the tick (a cancelled far-future task
 * keeps an undeployed application in memory until it is due) does not apply to a task that is due every 250 ms.
 * With a fixed delay a slow database never piles up polls: the next one starts {@code POLL} after the last ended.
 * Stopped when the application stops. A failed poll is logged (once a minute at most) and the next one tries again;
 * a failure never stops the polling. Counted: {@code portico.cluster.changes.seen{topic}},
 * {@code portico.cluster.poll.failures}.
 */
@ApplicationScoped
public class ChangePoller {

    /** Time between the end of one poll and the start of the next. */
    public static final Duration POLL = Duration.ofMillis(250);

    private static final Logger LOG = Logger.getLogger(ChangePoller.class.getName());
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ChangeMarkers markers;

    @Inject
    Event<TopicsChanged> changed;

    @Inject
    PorticoMetrics metrics;

    private final MarkerVersions versions = new MarkerVersions();
    private final AtomicLong lastFailureLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private ScheduledFuture<?> polling;

    /** Starts right after the migrations, before the features that cache: their first reads are never stale. */
    void startUp(@Observes @Priority(DatabaseMigrations.PRIORITY + 1) @Initialized(ApplicationScoped.class) Object event) {
        markers.ensure(Topics.ALL);
        versions.advance(markers.versions());
        polling = scheduler.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        LOG.fine(() -> "Polling the change markers every " + POLL);
    }

    void poll() {
        try {
            Set<String> topics = versions.advance(markers.versions());
            if (!topics.isEmpty()) {
                LOG.fine(() -> "Changed on some node: " + topics);
                topics.forEach(metrics::clusterChangeSeen);
                changed.fire(new TopicsChanged(topics));
            }
        } catch (RuntimeException e) {
            // Never let the task die: a scheduled executor stops repeating a task that threw.
            metrics.clusterPollFailed();
            long now = System.nanoTime();
            long last = lastFailureLogged.get();
            if (now - last >= LOG_EVERY_NANOS && lastFailureLogged.compareAndSet(last, now)) {
                LOG.log(Level.WARNING, "Polling the change markers failed; caches fall back on their expiry until it"
                        + " works again", e);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }
}
