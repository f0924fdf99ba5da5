package org.portico.web.cms.source;

import java.util.List;
import java.util.stream.Collectors;

import org.portico.web.problem.FieldMessage;
import org.portico.web.problem.RejectedException;

/** A change of the CMS sources that was not made, and why: problem+json in the API, next to the inputs in the UI. */
public abstract sealed class CmsSourceRejectedException extends RejectedException
        permits CmsSourceRejectedException.InvalidSource, CmsSourceRejectedException.SourceNotFound,
        CmsSourceRejectedException.IdTaken, CmsSourceRejectedException.StaleSource {

    private static final long serialVersionUID = 1L;

    CmsSourceRejectedException(int status, String type, String key, Object... params) {
        super(status, type, key, params);
    }

    CmsSourceRejectedException(List<FieldMessage> errors) {
        super(400, "invalid-cms-source", errors, errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; ")));
    }

    public static final class InvalidSource extends CmsSourceRejectedException {
        private static final long serialVersionUID = 1L;

        public InvalidSource(List<FieldMessage> errors) {
            super(errors);
        }
    }

    public static final class SourceNotFound extends CmsSourceRejectedException {
        private static final long serialVersionUID = 1L;

        public SourceNotFound(String id) {
            super(404, "cms-source-not-found", "problem.cms-source.not-found", id);
        }
    }

    public static final class IdTaken extends CmsSourceRejectedException {
        private static final long serialVersionUID = 1L;

        public IdTaken(String id) {
            super(409, "cms-source-conflict", "problem.cms-source.id-taken", id);
        }
    }

    public static final class StaleSource extends CmsSourceRejectedException {
        private static final long serialVersionUID = 1L;

        public StaleSource(String id) {
            super(409, "cms-source-conflict", "problem.cms-source.stale", id);
        }
    }
}
