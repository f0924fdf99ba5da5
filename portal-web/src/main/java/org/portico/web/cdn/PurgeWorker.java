package org.portico.web.cdn;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.portico.cdn.purge.CdnPurger;
import org.portico.cdn.purge.PurgeException;
import org.portico.web.concurrent.PeriodicJob;
import org.portico.web.database.DatabaseMigrations;

/**
 * Sends the queued purges: every {@link #POLL} (and at once after a commit that queued one on this node) it claims the
 * due rows ({@link PurgeQueue#claim}: safe across nodes, with a lease), splits each into batches within the CDN's
 * limits ({@link PurgePlan}), records each accepted batch, and marks the row done. A failure gives the row back as
 * failed with the CDN's message and a next attempt after an exponential backoff with full jitter
 * ({@link PurgeBackoff}; a refusal that needs an admin, such as a wrong credential, waits the longest delay); it is
 * tried again until it succeeds. Everything is in the table, so a restart loses nothing: a row claimed by a node that
 * died is taken over when the lease ends, and resumes after its last accepted batch.
 *
 * <p>One pass at a time per node; the passes of different nodes share the queue through the claims.
 */
@ApplicationScoped
public class PurgeWorker {

    private static final Logger LOG = Logger.getLogger(PurgeWorker.class.getName());

    /** How often the queue is looked at (a content change on this node does not wait for it). */
    static final Duration POLL = Duration.ofSeconds(2);
    /** Rows one pass claims at most (the next pass takes the rest). */
    static final int ROWS_PER_PASS = 50;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    PurgeQueue queue;

    @Inject
    CdnTargetService targets;

    @Inject
    PurgeUrls resolver;

    @Inject
    Clock clock;

    private final PurgeBackoff backoff = new PurgeBackoff(PurgeBackoff.BASE, PurgeBackoff.CAP, new SplittableRandom());
    private final AtomicBoolean passing = new AtomicBoolean();
    private volatile boolean again;
    private PeriodicJob job;

    @PostConstruct
    void start() {
        job = PeriodicJob.start("cdn-purges", scheduler, POLL, POLL, this::pass);
    }

    /** Starts polling with the application (after the migrations). */
    void startUp(@Observes @Priority(DatabaseMigrations.PRIORITY + 60) @Initialized(ApplicationScoped.class) Object event) {
        LOG.fine("CDN purge worker polling every " + POLL);
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.cancel();
        }
    }

    /** A purge was queued on this node: look now rather than at the next poll. */
    void nudge(@Observes(during = TransactionPhase.AFTER_SUCCESS) PurgeQueued event) {
        try {
            scheduler.execute(this::pass);
        } catch (RejectedExecutionException e) {
            // shutting down: the next start (or another node) sends it
        }
    }

    /** One pass with the application's clock; a pass asked for during another runs right after it. */
    private void pass() {
        if (!passing.compareAndSet(false, true)) {
            again = true;
            return;
        }
        try {
            do {
                again = false;
                deliverDue(clock);
            } while (again);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A pass over the CDN purge queue failed; the next one tries again", e);
        } finally {
            passing.set(false);
        }
    }

    /**
     * Claims and sends the rows due at {@code now}'s instant: what each poll does with the application's clock.
     *
     * @return the state each claimed row was left in, by id
     */
    public Map<Long, PurgeState> deliverDue(Clock now) {
        Map<Long, PurgeState> outcomes = new LinkedHashMap<>();
        for (long id : queue.due(now.instant(), ROWS_PER_PASS)) {
            queue.claim(id, now.instant(), PurgeQueue.LEASE)
                    .ifPresent(claim -> outcomes.put(id, deliver(claim, now)));
        }
        return outcomes;
    }

    private PurgeState deliver(PurgeQueue.Claim claim, Clock now) {
        try {
            CdnPurger purger = targets.purger(claim.targetId());
            PurgeItems items = claim.items();
            if (!purger.limits().purgesTags() && !items.tags().isEmpty()) {
                items = resolver.resolve(items);
            }
            if (items.isEmpty()) { // tags that name nothing this CDN serves
                return queue.planned(claim, items, 0, 0) && queue.done(claim, now.instant()) ? PurgeState.DONE
                        : PurgeState.IN_FLIGHT;
            }
            PurgePlan plan = PurgePlan.of(items.tags(), items.urls(), purger.limits());
            int done = plan.size() == claim.batchesTotal() && items.equals(claim.items())
                    ? Math.min(claim.batchesDone(), plan.size()) : 0;
            if (!queue.planned(claim, items, plan.size(), done)) {
                return PurgeState.IN_FLIGHT;
            }
            for (int batch = done; batch < plan.size(); batch++) {
                purger.purge(plan.batches().get(batch));
                if (!queue.progressed(claim, batch + 1, now.instant().plus(PurgeQueue.LEASE))) {
                    LOG.warning(() -> "CDN purge " + claim.id() + " was taken over by another worker; this one stops");
                    return PurgeState.IN_FLIGHT;
                }
            }
            return queue.done(claim, now.instant()) ? PurgeState.DONE : PurgeState.IN_FLIGHT;
        } catch (PurgeException e) {
            Duration wait = e.retryable() ? backoff.delay(claim.attempts(), e.retryAfter()) : backoff.afterRefusal();
            return failed(claim, e.getMessage(), now, wait);
        } catch (RuntimeException e) {
            // The target was deleted or no longer fits its adapter, or the adapter failed: on record, tried again.
            LOG.log(Level.WARNING, "CDN purge " + claim.id() + " failed unexpectedly", e);
            return failed(claim, e.toString(), now, backoff.delay(claim.attempts(), Optional.empty()));
        }
    }

    private PurgeState failed(PurgeQueue.Claim claim, String error, Clock now, Duration wait) {
        LOG.info(() -> "CDN purge " + claim.id() + " (attempt " + claim.attempts() + ") failed, next in " + wait + ": "
                + error);
        return queue.failed(claim, error, now.instant().plus(wait)) ? PurgeState.FAILED : PurgeState.IN_FLIGHT;
    }
}
