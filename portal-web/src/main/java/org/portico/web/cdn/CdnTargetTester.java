package org.portico.web.cdn;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.portico.cdn.purge.CdnPurger;
import org.portico.cdn.purge.PurgeException;

/**
 * "Test connection" of a stored target: the adapter's {@link CdnPurger#check()} (which purges nothing cached), on a
 * managed thread, waited for at most {@link #DEADLINE}: an admin's page or API call waits no longer, whatever the
 * target's own timeout. A check still running then finishes in the background, bounded by the adapter's timeout.
 */
@ApplicationScoped
public class CdnTargetTester {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    @Inject
    CdnTargetService targets;

    @Resource
    ManagedExecutorService executor;

    /**
     * @throws CdnRejectedException.TargetNotFound when there is no such target
     */
    public ConnectionTest test(long id) {
        CdnTarget target = targets.find(id).orElseThrow(() -> new CdnRejectedException.TargetNotFound(Long.toString(id)));
        String tried = target.kind() + " at " + target.endpoint();
        long start = System.nanoTime();
        CdnPurger purger;
        try {
            purger = targets.purger(id);
        } catch (IllegalArgumentException e) {
            return new ConnectionTest(false, tried, Duration.ZERO, "not tried: " + e.getMessage());
        }
        CompletableFuture<String> check = CompletableFuture.supplyAsync(() -> {
            try {
                return purger.check();
            } catch (PurgeException e) {
                throw new CheckFailed(e);
            }
        }, executor);
        try {
            String reached = check.get(DEADLINE.toNanos(), TimeUnit.NANOSECONDS);
            return new ConnectionTest(true, reached, took(start), null);
        } catch (TimeoutException e) {
            return new ConnectionTest(false, tried, took(start), "no answer within " + DEADLINE.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ConnectionTest(false, tried, took(start), "interrupted");
        } catch (ExecutionException e) {
            String problem = e.getCause() instanceof CheckFailed failed ? failed.getCause().getMessage()
                    : String.valueOf(e.getCause());
            return new ConnectionTest(false, tried, took(start), problem);
        }
    }

    private static Duration took(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Carries the adapter's refusal out of the supplier. */
    private static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailed(PurgeException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
