package org.portico.web.apitoken;

import java.util.List;
import java.util.stream.Collectors;

import org.portico.web.problem.FieldMessage;
import org.portico.web.problem.RejectedException;

/** An API token that was not made or revoked, and why: next to the inputs in the UI. */
public abstract sealed class ApiTokenRejectedException extends RejectedException
        permits ApiTokenRejectedException.InvalidToken, ApiTokenRejectedException.TooMany,
        ApiTokenRejectedException.NotFound {

    private static final long serialVersionUID = 1L;

    ApiTokenRejectedException(int status, String type, String key, Object... params) {
        super(status, type, key, params);
    }

    ApiTokenRejectedException(List<FieldMessage> errors) {
        super(400, "invalid-api-token", errors, errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; ")));
    }

    public static final class InvalidToken extends ApiTokenRejectedException {
        private static final long serialVersionUID = 1L;

        InvalidToken(List<FieldMessage> errors) {
            super(errors);
        }
    }

    public static final class TooMany extends ApiTokenRejectedException {
        private static final long serialVersionUID = 1L;

        TooMany(int max) {
            super(409, "api-token-conflict", "problem.api-token.too-many", String.valueOf(max));
        }
    }

    public static final class NotFound extends ApiTokenRejectedException {
        private static final long serialVersionUID = 1L;

        NotFound() {
            super(404, "api-token-not-found", "problem.api-token.not-found");
        }
    }
}
