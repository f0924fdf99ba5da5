package org.portico.web.link.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.portico.web.link.analytics.LinkAnalyticsQuery.InvalidQueryException;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinkAnalyticsQueryTest {

    private static final LocalDate TODAY = LocalDate.parse("2025-03-15");

    @Test
    void withoutDaysItIsTheLastThirtyDaysUpToTodayForAllRoutes() {
        LinkAnalyticsQuery query = LinkAnalyticsQuery.of("  ", null, null, TODAY);

        assertAll(
                () -> assertNull(query.route()),
                () -> assertEquals(LocalDate.parse("2025-02-14"), query.from()),
                () -> assertEquals(TODAY, query.to()),
                () -> assertEquals(30, query.days()));
    }

    @Test
    void theRangeIsWholeUtcDaysBothEndsIncluded() {
        LinkAnalyticsQuery query = LinkAnalyticsQuery.of(" billing ", LocalDate.parse("2024-02-28"), LocalDate.parse("2024-03-01"), TODAY);

        assertAll(
                () -> assertEquals("billing", query.route()),
                () -> assertEquals(3, query.days(), "2024 is a leap year"),
                () -> assertEquals(Instant.parse("2024-02-28T00:00:00Z"), query.start()),
                () -> assertEquals(Instant.parse("2024-03-02T00:00:00Z"), query.end()));
    }

    @Test
    void onlyAFirstDayRunsToTodayOrIsASingleDayInTheFuture() {
        assertEquals(TODAY, LinkAnalyticsQuery.of(null, LocalDate.parse("2025-03-01"), null, TODAY).to());
        assertEquals(LocalDate.parse("2025-04-01"), LinkAnalyticsQuery.of(null, LocalDate.parse("2025-04-01"), null, TODAY).to());
    }

    @Test
    void aBackwardsRangeSaysWhichDayToChange() {
        var e = assertThrows(InvalidQueryException.class,
                () -> LinkAnalyticsQuery.of(null, LocalDate.parse("2025-03-10"), LocalDate.parse("2025-03-01"), TODAY));
        assertEquals("The first day (2025-03-10) is after the last day (2025-03-01); choose a first day on or before the last.",
                e.getMessage());
    }

    @Test
    void aRangeOfMoreThan366DaysIsRefusedWithAnExampleThatFits() {
        assertEquals(366, LinkAnalyticsQuery.of(null, LocalDate.parse("2023-01-01"), LocalDate.parse("2024-01-01"), TODAY).days());
        var e = assertThrows(InvalidQueryException.class,
                () -> LinkAnalyticsQuery.of(null, LocalDate.parse("2022-12-31"), LocalDate.parse("2024-01-01"), TODAY));
        assertEquals("The range covers 367 days; choose at most 366 (for example 2023-01-01 to 2024-01-01).", e.getMessage());
    }

    @Test
    void aRouteNameLongerThanAnyRouteIsRefused() {
        var e = assertThrows(InvalidQueryException.class, () -> LinkAnalyticsQuery.of("x".repeat(65), null, null, TODAY));
        assertEquals("A route name has at most 64 characters; got 65.", e.getMessage());
    }

    /** The messages come from the bundle (problem.link-analytics.*): a German reader gets them in German. */
    @Test
    void aGermanReaderIsToldInGerman() {
        var backwards = assertThrows(InvalidQueryException.class,
                () -> LinkAnalyticsQuery.of(null, LocalDate.parse("2025-03-10"), LocalDate.parse("2025-03-01"), TODAY));
        var tooLong = assertThrows(InvalidQueryException.class,
                () -> LinkAnalyticsQuery.of(null, LocalDate.parse("2022-12-31"), LocalDate.parse("2024-01-01"), TODAY));
        var route = assertThrows(InvalidQueryException.class, () -> LinkAnalyticsQuery.of("x".repeat(65), null, null, TODAY));
        assertAll(
                () -> assertEquals(backwards.getMessage(), backwards.message(Locale.ENGLISH)),
                () -> assertEquals("Der erste Tag (2025-03-10) liegt nach dem letzten Tag (2025-03-01); wählen Sie einen"
                        + " ersten Tag am oder vor dem letzten.", backwards.message(Locale.GERMAN)),
                () -> assertEquals("Der Zeitraum umfasst 367 Tage; wählen Sie höchstens 366 (zum Beispiel 2023-01-01 bis"
                        + " 2024-01-01).", tooLong.message(Locale.GERMAN)),
                () -> assertEquals("Ein Routenname hat höchstens 64 Zeichen; eingegeben wurden 65.", route.message(Locale.GERMAN)));
    }
}
