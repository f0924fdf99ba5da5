package org.portico.web.csv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvFieldTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "plain|plain",
            "user:alice|user:alice",
            "2025-03-01T10:15:30Z|2025-03-01T10:15:30Z",
            "a,b|~\"a,b\"~",
            "say \"hi\"|~\"say \"\"hi\"\"\"~",
            // a semicolon splits the cell in many locales: quoted
            "a;=HYPERLINK(\"x\")|~\"a;=HYPERLINK(\"\"x\"\")\"~",
            // formula starts: neutralised with an apostrophe, inside quotes
            "=HYPERLINK(\"x\")|~\"'=HYPERLINK(\"\"x\"\")\"~",
            "=1+1|~\"'=1+1\"~",
            "+1|~\"'+1\"~",
            "-2|~\"'-2\"~",
            "@SUM(A1)|~\"'@SUM(A1)\"~",
            "=cmd;x|~\"'=cmd;x\"~"})
    void riskyFieldsAreQuotedAndFormulasNeutralised(String value, String expected) {
        assertEquals(expected, CsvField.of(value));
    }

    @Test
    void tabsAndLineBreaksStayInsideOneQuotedField() {
        assertAll(
                () -> assertEquals("\"a\tb\"", CsvField.of("a\tb")),
                () -> assertEquals("\"'\t=1+1\"", CsvField.of("\t=1+1")),
                () -> assertEquals("\"'\r=1+1\"", CsvField.of("\r=1+1")),
                () -> assertEquals("\"a\r\nb\"", CsvField.of("a\r\nb")),
                () -> assertEquals("\"a\nb\"", CsvField.of("a\nb")));
    }

    @Test
    void nullAndEmptyAreEmptyFields() {
        assertAll(
                () -> assertEquals("", CsvField.of(null)),
                () -> assertEquals("", CsvField.of("")));
    }
}
