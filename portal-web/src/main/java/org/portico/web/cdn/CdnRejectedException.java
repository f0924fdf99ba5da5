package org.portico.web.cdn;

import java.util.List;
import java.util.stream.Collectors;

import org.portico.web.problem.FieldMessage;
import org.portico.web.problem.RejectedException;

/** A change of the purge targets or the queue that was not made, and why: problem+json in the API, messages in the UI. */
public abstract sealed class CdnRejectedException extends RejectedException
        permits CdnRejectedException.InvalidTarget, CdnRejectedException.TargetNotFound,
        CdnRejectedException.NameTaken, CdnRejectedException.StaleTarget, CdnRejectedException.InvalidPurge,
        CdnRejectedException.PurgeNotFound, CdnRejectedException.NotRetryable {

    private static final long serialVersionUID = 1L;

    CdnRejectedException(int status, String type, String key, Object... params) {
        super(status, type, key, params);
    }

    CdnRejectedException(String type, List<FieldMessage> errors) {
        super(400, type, errors, errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; ")));
    }

    public static final class InvalidTarget extends CdnRejectedException {
        private static final long serialVersionUID = 1L;

        public InvalidTarget(List<FieldMessage> errors) {
            super("invalid-cdn-target", errors);
        }
    }

    public static final class TargetNotFound extends CdnRejectedException {
        private static final long serialVersionUID = 1L;

        public TargetNotFound(String id) {
            super(404, "cdn-target-not-found", "problem.cdn.target.not-found", id);
        }
    }

    public static final class NameTaken extends CdnRejectedException {
        private static final long serialVersionUID = 1L;

        public NameTaken(String name) {
            super(409, "cdn-target-conflict", "problem.cdn.target.name-taken", name);
        }
    }

    public static final class StaleTarget extends CdnRejectedException {
        private static final long serialVersionUID = 1L;

        public StaleTarget(String name) {
            super(409, "cdn-target-conflict", "problem.cdn.target.stale", name);
        }
    }

    public static final class InvalidPurge extends CdnRejectedException {
        private static final long serialVersionUID = 1L;

        public InvalidPurge(List<FieldMessage> errors) {
            super("invalid-cdn-purge", errors);
        }
    }

    public static final class PurgeNotFound extends CdnRejectedException {
        private static final long serialVersionUID = 1L;

        public PurgeNotFound(String id) {
            super(404, "cdn-purge-not-found", "problem.cdn.purge.not-found", id);
        }
    }

    public static final class NotRetryable extends CdnRejectedException {
        private static final long serialVersionUID = 1L;

        public NotRetryable(long id, PurgeState state) {
            super(409, "cdn-purge-conflict", state == PurgeState.DONE ? "problem.cdn.purge.done"
                    : "problem.cdn.purge.in-flight", id);
        }
    }
}
