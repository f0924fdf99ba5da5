package org.portico.web.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
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
import org.portico.web.apitoken.ApiTokens;
import org.portico.web.audit.AuditBatches;
import org.portico.web.cdn.PurgeQueue;
import org.portico.web.cluster.Leases;
import org.portico.web.cms.source.CmsWebhooks;
import org.portico.web.concurrent.PeriodicJob;
import org.portico.web.link.analytics.LinkEventStore;
import org.portico.web.database.DatabaseMigrations;
import org.portico.web.proxy.ProxySessions;
import org.portico.web.token.TokenStateStore;

/**
 * Keeps the tables a stranger can make grow bounded in time: an hourly job deletes link events and unknown route
 * names older than {@code portico.retention.link-events}, audit entries older than {@code portico.retention.audit},
 * revocations and replay marks whose tokens have expired, expired proxy hop tickets and ended proxy sessions, and CDN
 * purges done a week ago
 * ({@code cdn.PurgeQueue#DONE_KEPT}). The daily link counts stay (bounded by routes × days ×
 * outcomes).
 *
 * <p>Each table is pruned in batches of {@link #BATCH} rows, each batch its own short statement, so a run never holds
 * a large transaction or long locks; a run stops after {@link #MAX_BATCHES} batches per table and the next run goes
 * on. Time comes from the injected {@link Clock}. In a cluster the job runs on one node at a time: the holder of the
 * lease {@value #LEASE} (see {@code cluster.Leases}).
 *
 * <p>Configuration (MicroProfile Config, ISO-8601 durations, checked at start-up):
 * <ul>
 * <li>{@code portico.retention.link-events}: default {@value #LINK_EVENTS_DEFAULT}, at least {@code P1D}</li>
 * <li>{@code portico.retention.audit}: default {@value #AUDIT_DEFAULT}, at least {@code P1D}</li>
 * </ul>
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());

    static final String LINK_EVENTS_DEFAULT = "P90D";
    static final String AUDIT_DEFAULT = "P400D";
    /** Shortest retention accepted: a typo such as PT90S must not wipe the log. */
    static final Duration MINIMUM = Duration.ofDays(1);
    private static final String MINIMUM_TEXT = "P1D";
    /** Rows deleted per statement. */
    public static final int BATCH = 1000;
    /** Batches per table and run. */
    static final int MAX_BATCHES = 1000;
    static final Duration PERIOD = Duration.ofHours(1);
    static final Duration FIRST_RUN = Duration.ofMinutes(10);

    @Inject
    Config config;

    @Inject
    Clock clock;

    @Inject
    LinkEventStore linkEvents;

    @Inject
    AuditBatches audit;

    @Inject
    TokenStateStore tokens;

    @Inject
    CmsWebhooks webhooks;

    @Inject
    ApiTokens apiTokens;

    @Inject
    PurgeQueue purges;

    @Inject
    ProxySessions proxySessions;

    @Inject
    Leases leases;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** The hourly run is made by one node of a cluster at a time: the holder of this lease. */
    static final String LEASE = "retention";

    private Duration linkEventsKept;
    private Duration auditKept;
    private PeriodicJob job;

    /** How long rows are kept. */
    public record Settings(Duration linkEvents, Duration audit) {
    }

    @PostConstruct
    void start() {
        linkEventsKept = retention(config, "portico.retention.link-events", LINK_EVENTS_DEFAULT);
        auditKept = retention(config, "portico.retention.audit", AUDIT_DEFAULT);
        job = PeriodicJob.start("retention", scheduler, FIRST_RUN, PERIOD,
                leases.onOneNode(LEASE, PERIOD, PeriodicJob.TICK.multipliedBy(2), () -> prune(clock)));
        LOG.info(() -> "Link events are kept " + linkEventsKept + ", audit entries " + auditKept);
    }

    /** Checks the settings and starts the job with the application, so a bad setting fails the deployment. */
    void startUp(@Observes @Priority(DatabaseMigrations.PRIORITY + 50) @Initialized(ApplicationScoped.class) Object event) {
        settings();
    }

    public Settings settings() {
        return new Settings(linkEventsKept, auditKept);
    }

    /**
     * One pruning run as of {@code now}'s instant: what the hourly job does with the application's clock.
     *
     * @return rows deleted per table
     */
    public Map<String, Integer> prune(Clock now) {
        Instant at = now.instant();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        deleted.put("link events", inBatches(limit -> linkEvents.pruneEventsBefore(at.minus(linkEventsKept), limit)));
        deleted.put("unknown route names", inBatches(limit -> linkEvents.pruneUnknownNamesBefore(at.minus(linkEventsKept), limit)));
        deleted.put("audit entries", inBatches(limit -> audit.pruneBefore(at.minus(auditKept), limit)));
        deleted.put("revocations", inBatches(limit -> tokens.pruneRevocations(at, limit)));
        deleted.put("replay marks", inBatches(limit -> tokens.pruneReplayMarks(at, limit)));
        deleted.put("ended API tokens", inBatches(limit -> apiTokens.prune(at, limit)));
        deleted.put("expired proxy hop tickets", inBatches(limit -> proxySessions.pruneTickets(at, limit)));
        deleted.put("ended proxy sessions", inBatches(limit -> proxySessions.pruneSessions(at, limit)));
        deleted.put("webhook deliveries", webhooks.pruneReplayMarks(at));
        deleted.put("done CDN purges", inBatches(limit -> purges.pruneDone(at.minus(PurgeQueue.DONE_KEPT), limit)));
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            LOG.info(() -> "Retention removed " + deleted);
        }
        return deleted;
    }

    @FunctionalInterface
    private interface BatchDelete {
        int delete(int limit);
    }

    private static int inBatches(BatchDelete delete) {
        int total = 0;
        try {
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                int n = delete.delete(BATCH);
                total += n;
                if (n < BATCH) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // One table failing must not keep the others from being pruned; the next run tries again.
            LOG.log(Level.WARNING, "Pruning failed after " + total + " rows; trying again next run", e);
        }
        return total;
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.cancel();
            leases.release(LEASE);
        }
    }

    /** A retention setting: an ISO-8601 duration of at least {@link #MINIMUM}, read with {@link org.portico.web.settings.Settings}. */
    static Duration retention(Config config, String property, String defaultValue) {
        return org.portico.web.settings.Settings.duration(config, property, defaultValue, MINIMUM_TEXT, null);
    }
}
