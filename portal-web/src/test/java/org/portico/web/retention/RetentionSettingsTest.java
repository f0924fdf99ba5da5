package org.portico.web.retention;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retention settings are ISO-8601 durations of at least a day, and a bad one says what a good one looks like. */
class RetentionSettingsTest {

    @Test
    void durationsOfADayOrMoreAreAccepted() {
        assertAll(
                () -> assertEquals(Duration.ofDays(90), Retention.retention("portico.retention.link-events", "P90D", "P90D")),
                () -> assertEquals(Duration.ofDays(400), Retention.retention("portico.retention.audit", " P400D ", "P400D")),
                () -> assertEquals(Duration.ofDays(1), Retention.retention("portico.retention.audit", "PT24H", "P400D")));
    }

    @Test
    void aBadOrTooShortSettingFailsWithAMessageShowingAGoodOne() {
        IllegalStateException notADuration = assertThrows(IllegalStateException.class,
                () -> Retention.retention("portico.retention.link-events", "90 days", "P90D"));
        IllegalStateException tooShort = assertThrows(IllegalStateException.class,
                () -> Retention.retention("portico.retention.audit", "PT90S", "P400D"));
        IllegalStateException negative = assertThrows(IllegalStateException.class,
                () -> Retention.retention("portico.retention.audit", "-P400D", "P400D"));

        assertAll(
                () -> assertEquals("portico.retention.link-events must be an ISO-8601 duration of at least P1D such as"
                        + " P90D, got '90 days'", notADuration.getMessage()),
                () -> assertEquals("portico.retention.audit must be at least P1D (one day) such as P400D, got 'PT90S'",
                        tooShort.getMessage()),
                () -> assertTrue(negative.getMessage().startsWith("portico.retention.audit must be at least P1D")));
    }
}
