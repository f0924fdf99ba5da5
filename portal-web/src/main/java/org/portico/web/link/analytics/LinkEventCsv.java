package org.portico.web.link.analytics;

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;

import org.portico.web.csv.CsvField;
import org.portico.web.link.analytics.LinkEventStore.LinkEvent;

/**
 * Writes link events as CSV with the audit export's rules ({@link CsvField}: RFC 4180 quoting, formula
 * neutralisation). Route names are what people typed into a link, so a route like {@code =HYPERLINK(...)} must reach
 * a spreadsheet as text.
 */
public final class LinkEventCsv {

    public static final String HEADER = "resolved_at,route,outcome,app_id,username";

    private LinkEventCsv() {
    }

    public static void writeHeader(Writer out) throws IOException {
        out.write(HEADER);
        out.write("\r\n");
    }

    public static void writeRow(Writer out, LinkEvent event) throws IOException {
        out.write(String.join(",",
                CsvField.of(DateTimeFormatter.ISO_INSTANT.format(event.resolvedAt())),
                CsvField.of(event.route()),
                CsvField.of(event.outcome()),
                CsvField.of(event.appId()),
                CsvField.of(event.username())));
        out.write("\r\n");
    }
}
