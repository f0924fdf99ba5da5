package org.portico.web.retention;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.portico.web.settings.TestConfigs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retention settings are ISO-8601 durations of at least a day, and a bad one says what a good one looks like. */
class RetentionSettingsTest {

    /** The setting {@code property} configured as {@code value}, read as Retention reads it. */
    private static Duration retention(String property, String value, String defaultValue) {
        return Retention.retention(TestConfigs.of(Map.of(property, value)), property, defaultValue);
    }

    @Test
    void durationsOfADayOrMoreAreAccepted() {
        assertAll(
                () -> assertEquals(Duration.ofDays(90), retention("portico.retention.link-events", "P90D", "P90D")),
                () -> assertEquals(Duration.ofDays(400), retention("portico.retention.audit", " P400D ", "P400D")),
                () -> assertEquals(Duration.ofDays(1), retention("portico.retention.audit", "PT24H", "P400D")));
    }

    @Test
    void aBadOrTooShortSettingFailsWithAMessageShowingAGoodOne() {
        IllegalStateException notADuration = assertThrows(IllegalStateException.class,
                () -> retention("portico.retention.link-events", "90 days", "P90D"));
        IllegalStateException tooShort = assertThrows(IllegalStateException.class,
                () -> retention("portico.retention.audit", "PT90S", "P400D"));
        IllegalStateException negative = assertThrows(IllegalStateException.class,
                () -> retention("portico.retention.audit", "-P400D", "P400D"));

        assertAll(
                () -> assertEquals("portico.retention.link-events must be an ISO-8601 duration of at least P1D such as"
                        + " P90D, got '90 days'", notADuration.getMessage()),
                () -> assertEquals("portico.retention.audit must be an ISO-8601 duration of at least P1D such as P400D,"
                        + " got 'PT90S'", tooShort.getMessage()),
                () -> assertTrue(negative.getMessage().startsWith("portico.retention.audit must be an ISO-8601 duration"
                        + " of at least P1D"), negative.getMessage()),
                () -> assertEquals(Duration.ofDays(400), Retention.retention(TestConfigs.of(Map.of()),
                        "portico.retention.audit", "P400D"), "unset: the default"));
    }
}
