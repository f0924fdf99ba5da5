package org.portico.web.audit;

/**
 * An audit entry that had to be stored before the answer could not be stored (the database is down or too slow):
 * the action must not be answered as done. Our setup is broken, not the request: the token endpoint answers
 * {@code 503} with {@code server_error}.
 */
public class AuditUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(AuditAction action, Throwable cause) {
        super("The audit entry of " + action + " could not be stored", cause);
    }
}
