package org.portico.web.audit;

import java.io.StringWriter;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portico.web.persistence.AuditEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditCsvTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "plain|plain",
            "a,b|~\"a,b\"~",
            "say \"hi\"|~\"say \"\"hi\"\"\"~",
            "=HYPERLINK(\"x\")|~\"'=HYPERLINK(\"\"x\"\")\"~",
            "+1|'+1",
            "-2|'-2",
            "@SUM(A1)|'@SUM(A1)",
            "user:alice|user:alice"})
    void fieldsAreQuotedWhenNeededAndFormulasNeutralised(String value, String expected) {
        assertEquals(expected, AuditCsv.field(value));
    }

    @Test
    void lineBreaksStayInsideOneQuotedField() {
        assertEquals("\"a\r\nb\"", AuditCsv.field("a\r\nb"));
        assertEquals("\"a\nb\"", AuditCsv.field("a\nb"));
    }

    @Test
    void nullAndEmptyAreEmptyFields() {
        assertEquals("", AuditCsv.field(null));
        assertEquals("", AuditCsv.field(""));
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
