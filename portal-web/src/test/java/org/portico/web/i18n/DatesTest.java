package org.portico.web.i18n;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DatesTest {

    private static final Instant LATE_EVENING_UTC = Instant.parse("2026-12-06T23:30:05Z");

    @Test
    void daysAreWrittenInTheReadersLanguageInUtc() {
        assertAll(
                () -> assertEquals("December 6, 2026", Dates.date(LATE_EVENING_UTC, Locale.ENGLISH)),
                () -> assertEquals("6. Dezember 2026", Dates.date(LATE_EVENING_UTC, Locale.GERMAN)),
                () -> assertEquals("06.12.2026, 23:30:05 UTC", Dates.dateTime(LATE_EVENING_UTC, Locale.GERMAN)),
                () -> assertNull(Dates.date(null, Locale.GERMAN)));
    }
}
