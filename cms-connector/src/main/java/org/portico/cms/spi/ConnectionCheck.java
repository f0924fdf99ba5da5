package org.portico.cms.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of {@link RemoteContentSource#check()}: whether Portico reached the CMS, what it found there, and how
 * long that took. Meant for an administrator's "test connection" button and for health checks.
 *
 * <p>Immutable and thread-safe.
 *
 * @param reached whether the CMS answered as expected (reachable, credentials accepted where there are any)
 * @param summary in plain words what was reached, e.g. {@code WordPress site 'Portico demo' at
 *                http://127.0.0.1:18080/ — 3 published pages}; when not reached, what was tried
 * @param took    how long the check took
 * @param problem when not reached, what went wrong in plain words, e.g. {@code connection refused at
 *                http://127.0.0.1:18080/} or {@code HTTP 401: the API token was refused}; empty when reached.
 *                Never contains a secret.
 */
public record ConnectionCheck(boolean reached, String summary, Duration took, String problem) {

    public ConnectionCheck {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(problem, "problem");
        if (reached == !problem.isEmpty()) {
            throw new IllegalArgumentException("a check has a problem exactly when it did not reach the CMS, got"
                    + " reached=" + reached + " and problem '" + problem + "'");
        }
    }

    /** The CMS answered: {@code summary} says what it is. */
    public static ConnectionCheck reached(String summary, Duration took) {
        return new ConnectionCheck(true, summary, took, "");
    }

    /**
     * The CMS did not answer as expected.
     *
     * @param tried   what was tried, e.g. {@code WordPress at http://127.0.0.1:18080/}
     * @param problem what went wrong; must not be empty
     */
    public static ConnectionCheck failed(String tried, Duration took, String problem) {
        return new ConnectionCheck(false, tried, took, problem);
    }
}
