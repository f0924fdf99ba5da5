package org.portico.web.audit;

import java.io.StringWriter;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditCsvTest {

    @Test
    void aTypedUsernameThatLooksLikeAFormulaReachesTheSheetAsText() throws Exception {
        StringWriter out = new StringWriter();
        AuditCsv.writeRow(out, new AuditEntry(Instant.parse("2025-03-01T10:15:30Z"), "anonymous", "LOGIN_FAILED",
                "user:=HYPERLINK(\"https://evil.example\";\"x\")", AuditOutcome.REFUSED, "127.0.0.1",
                "-2+3;=1"));

        assertEquals("2025-03-01T10:15:30Z,anonymous,LOGIN_FAILED,"
                + "\"user:=HYPERLINK(\"\"https://evil.example\"\";\"\"x\"\")\",REFUSED,127.0.0.1,\"'-2+3;=1\"\r\n",
                out.toString());
    }

    @Test
    void aRowHasEveryColumnInHeaderOrderAndEndsWithCrLf() throws Exception {
        StringWriter out = new StringWriter();
        AuditCsv.writeHeader(out);
        AuditCsv.writeRow(out, new AuditEntry(Instant.parse("2025-03-01T10:15:30Z"), "ada", "APP_CREATED",
                "app:billing", AuditOutcome.SUCCESS, "127.0.0.1", "audience https://billing.example, client_secret"));

        assertEquals(AuditCsv.HEADER + "\r\n"
                + "2025-03-01T10:15:30Z,ada,APP_CREATED,app:billing,SUCCESS,127.0.0.1,"
                + "\"audience https://billing.example, client_secret\"\r\n", out.toString());
    }
}
