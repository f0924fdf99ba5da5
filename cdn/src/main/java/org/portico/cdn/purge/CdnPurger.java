package org.portico.cdn.purge;

/**
 * Makes one CDN (or a cache in front of Portico, such as Varnish) forget content: an adapter per vendor, built from a
 * {@link PurgeTarget}. Implementations are thread-safe and do not retry: a failure is reported with what the caller
 * needs to schedule the retry ({@link PurgeException#retryable()}, {@link PurgeException#retryAfter()}); Portico's
 * durable purge queue does the retrying.
 */
public interface CdnPurger {

    /**
     * The most tags and URLs one {@link #purge} call may carry (the vendor's documented limits); the caller splits
     * larger purges into batches and reports progress per batch.
     */
    PurgeLimits limits();

    /**
     * Sends one purge, which respects {@link #limits()}, and returns once the CDN accepted it.
     *
     * @throws PurgeException when the CDN could not be reached, refused the request, or answered with an error
     * @throws IllegalArgumentException when the purge exceeds {@link #limits()}
     */
    void purge(Purge purge) throws PurgeException;

    /**
     * Checks that the CDN is reachable and accepts the credentials, purging nothing that is cached (an admin's "Test
     * connection").
     *
     * @return what was reached, in words for a site admin, such as {@code "Fastly service SU1Z0isxPaozGVKXdv0eY"}
     * @throws PurgeException saying why not
     */
    String check() throws PurgeException;
}
