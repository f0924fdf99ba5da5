package org.portico.web.cms;

import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.portico.web.cluster.Leases;
import org.portico.web.concurrent.PeriodicJob;
import org.portico.web.database.DatabaseMigrations;

/**
 * Makes the CMS's scheduled changes ({@link CmsService#runSchedule}) every {@link #PERIOD}, on one node of a cluster
 * at a time (the holder of the lease {@value #LEASE}; another takes over at most {@code 2 × PERIOD} after it died).
 * Each due item is also changed under its optimistic lock, so even two nodes running at once (a lease taken over
 * while the old holder still ran) change it once: the other's transaction fails and its next run finds nothing due.
 */
@ApplicationScoped
public class CmsSchedule {

    /** How late a scheduled change may come at most. */
    static final Duration PERIOD = Duration.ofSeconds(15);

    static final String LEASE = "cms-schedule";

    @Inject
    CmsService cms;

    @Inject
    Leases leases;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private PeriodicJob job;

    @PostConstruct
    void start() {
        job = PeriodicJob.start("CMS schedule", scheduler, PERIOD, PERIOD,
                leases.onOneNode(LEASE, PERIOD, PERIOD, () -> cms.runSchedule(clock.instant())));
    }

    /**
     * Starts the job with the application, after the schema is migrated: delivering the event creates the bean, and
     * {@link #start} runs.
     */
    void startUp(@Observes @Priority(DatabaseMigrations.PRIORITY + 50) @Initialized(ApplicationScoped.class) Object event) {
        // nothing more to do
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.cancel();
            leases.release(LEASE);
        }
    }
}
