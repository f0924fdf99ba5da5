package org.portico.web.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;

import org.portico.web.csv.CsvField;

/**
 * Writes audit entries as CSV (RFC 4180, CRLF line ends), each field through {@link CsvField}: targets and details
 * can hold text typed by anyone, such as a failed login's username, so a field a spreadsheet would split or run as a
 * formula is quoted and neutralised.
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
                CsvField.of(DateTimeFormatter.ISO_INSTANT.format(entry.getOccurredAt())),
                CsvField.of(entry.getActor()),
                CsvField.of(entry.getAction()),
                CsvField.of(entry.getTarget()),
                CsvField.of(entry.getOutcome().name()),
                CsvField.of(entry.getClientAddress()),
                CsvField.of(entry.getDetail())));
        out.write("\r\n");
    }
}
