package org.portico.web.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;

import org.portico.web.persistence.AuditEntry;

/**
 * Writes audit entries as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break
 * quoted, quotes doubled). Values that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or
 * CR) get a leading apostrophe: targets and details can hold text typed by anyone, such as a failed login's username.
 */
public final class AuditCsv {

    public static final String HEADER = "occurred_at,actor,action,target,outcome,client_address,detail";

    private AuditCsv() {
    }

    public static void writeHeader(Writer out) throws IOException {
        out.write(HEADER);
        out.write("\r\n");
    }

    public static void writeRow(Writer out, AuditEntry entry) throws IOException {
        out.write(String.join(",",
                field(DateTimeFormatter.ISO_INSTANT.format(entry.getOccurredAt())),
                field(entry.getActor()),
                field(entry.getAction()),
                field(entry.getTarget()),
                field(entry.getOutcome().name()),
                field(entry.getClientAddress()),
                field(entry.getDetail())));
        out.write("\r\n");
    }

    /** One CSV field: empty for null, neutralised when a spreadsheet would take it for a formula, quoted when needed. */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsLikeFormula(value) ? "'" + value : value;
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static boolean startsLikeFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
