package org.portico.web.link.analytics;

import java.io.StringWriter;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.portico.web.link.analytics.LinkEventStore.LinkEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkEventCsvTest {

    @Test
    void rowsAreRfc4180WithTypedRouteNamesNeutralisedForSpreadsheets() throws Exception {
        StringWriter out = new StringWriter();
        LinkEventCsv.writeHeader(out);
        LinkEventCsv.writeRow(out, new LinkEvent(1, Instant.parse("2025-03-01T10:15:30Z"), "billing", "ok", "billing-app", "ada"));
        LinkEventCsv.writeRow(out, new LinkEvent(2, Instant.parse("2025-03-01T23:59:59.999Z"), "=HYPERLINK(\"x\",\"y\")",
                "unknown_route", null, null));

        assertEquals("resolved_at,route,outcome,app_id,username\r\n"
                + "2025-03-01T10:15:30Z,billing,ok,billing-app,ada\r\n"
                + "2025-03-01T23:59:59.999Z,\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",unknown_route,,\r\n", out.toString());
    }

    @Test
    void storedValuesLoseControlCharactersAndKeepToTheirColumns() {
        assertEquals("a b", LinkEventStore.clean("a\nb", 64));
        assertEquals("x".repeat(63), LinkEventStore.clean("x".repeat(80), LinkEventStore.APP_ID_LENGTH));
        assertEquals("", LinkEventStore.clean("", 64));
        assertEquals(null, LinkEventStore.clean(null, 64));
    }
}
