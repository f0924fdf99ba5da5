package org.portico.web.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Which audit entries to show; every part is optional (null or blank means "any").
 *
 * @param action     exact action
 * @param actor      exact username of the actor (case-insensitive)
 * @param targetText text contained in the target (case-insensitive, no wildcards)
 * @param from       entries at or after this instant
 * @param until      entries before this instant
 */
public record AuditFilter(AuditAction action, String actor, String targetText, Instant from, Instant until) {

    public static final AuditFilter ANY = new AuditFilter(null, null, null, null, null);

    public AuditFilter {
        actor = blankToNull(actor);
        targetText = blankToNull(targetText);
    }

    /** A filter over whole days in UTC, both inclusive, as the admin page and the CSV export take them. */
    public static AuditFilter forDays(AuditAction action, String actor, String targetText, LocalDate fromDay, LocalDate toDay) {
        return new AuditFilter(action, actor, targetText,
                fromDay == null ? null : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
