package org.portico.cdn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest(name = "[{index}] {0} of 1000 → {1}")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-99       | bytes 0-99/1000",
            "bytes=900-       | bytes 900-999/1000",
            "bytes=-100       | bytes 900-999/1000",
            "bytes=-5000      | bytes 0-999/1000",
            "bytes=990-5000   | bytes 990-999/1000",
            "BYTES=5-5        | bytes 5-5/1000",
            "bytes=999-999    | bytes 999-999/1000",
    })
    void servesOneRange(String field, String contentRange) {
        ByteRange.Request request = ByteRange.parse(List.of(field), 1000);
        ByteRange range = ((ByteRange.Satisfiable) request).range();
        assertEquals(contentRange, range.contentRange());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"bytes=0-1,5-6", "items=0-1", "bytes=abc", "bytes=5-1", "bytes=-",
            "bytes=1-x", "bytes=99999999999999999999-", "bytes=0-99 trailing"})
    void ignoresWhatItDoesNotServe(String field) {
        assertEquals(ByteRange.Request.IGNORED, ByteRange.parse(List.of(field), 1000));
    }

    @Test
    void ignoresNoOrRepeatedOrOversizedFields() {
        assertEquals(ByteRange.Request.IGNORED, ByteRange.parse(List.of(), 1000));
        assertEquals(ByteRange.Request.IGNORED, ByteRange.parse(List.of("bytes=0-1", "bytes=2-3"), 1000));
        assertEquals(ByteRange.Request.IGNORED,
                ByteRange.parse(List.of("bytes=0-1" + " ".repeat(ByteRange.MAX_FIELD_LENGTH)), 1000));
    }

    @Test
    void beyondTheEndIsUnsatisfiable() {
        assertEquals(ByteRange.Request.UNSATISFIABLE, ByteRange.parse(List.of("bytes=1000-"), 1000));
        assertEquals(ByteRange.Request.UNSATISFIABLE, ByteRange.parse(List.of("bytes=-0"), 1000));
        assertEquals("bytes */1000", ByteRange.unsatisfied(1000));
    }

    @Test
    void aRangeLiesWithinItsContent() {
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(990, 20, 1000));
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(-1, 1, 1000));
    }
}
