package org.portico.web.audit;

/** How an audited attempt ended. */
public enum AuditOutcome {
    /** It happened. */
    SUCCESS,
    /** It was refused for what was asked: wrong password, invalid input, no permission. */
    REFUSED,
    /** It broke on our side. */
    FAILED
}
