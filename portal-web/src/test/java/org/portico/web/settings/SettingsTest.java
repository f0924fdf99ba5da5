package org.portico.web.settings;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Settings are read by MicroProfile Config's converters; a bad one stops start-up showing what a good one looks like. */
class SettingsTest {

    private static Config config(Map<String, String> values) {
        return TestConfigs.of(values);
    }

    @Test
    void durationsAndNumbersAreConvertedAndMissingOnesTakeTheirDefault() {
        Config config = config(Map.of("d", "PT5M", "n", "42", "empty", ""));
        assertAll(
                () -> assertEquals(Duration.ofMinutes(5), Settings.duration(config, "d", "PT1M", "PT1S", "P1D")),
                () -> assertEquals(Duration.ofDays(7), Settings.duration(config, "missing", "P7D", "PT1M", "P90D")),
                () -> assertEquals(Duration.ofDays(7), Settings.duration(config, "empty", "P7D", null, null)),
                () -> assertEquals(42, Settings.number(config, "n", 500, 1, 100)),
                () -> assertEquals(500, Settings.number(config, "missing", 500, null, null)));
    }

    @Test
    void aValueTheConverterRejectsFailsWithAMessageShowingAValidOne() {
        Config config = config(Map.of("portico.x.flush-interval", "5 minutes", "portico.x.batch-size", "lots"));
        assertAll(
                () -> assertEquals("portico.x.flush-interval must be an ISO-8601 duration such as PT5M, got '5 minutes'",
                        assertThrows(IllegalStateException.class, () -> Settings.duration(config,
                                "portico.x.flush-interval", "PT5M", null, null)).getMessage()),
                () -> assertEquals("portico.x.batch-size must be a whole number between 1 and 100000 such as 500,"
                                + " got 'lots'",
                        assertThrows(IllegalStateException.class, () -> Settings.number(config,
                                "portico.x.batch-size", 500, 1, 100_000)).getMessage()));
    }

    @Test
    void aValueOutOfRangeFailsWithTheRangeInTheMessage() {
        Config config = config(Map.of("long", "P1000D", "short", "PT90S", "big", "7"));
        assertAll(
                () -> assertEquals("long must be an ISO-8601 duration between PT1M and P90D such as P7D, got 'P1000D'",
                        assertThrows(IllegalStateException.class,
                                () -> Settings.duration(config, "long", "P7D", "PT1M", "P90D")).getMessage()),
                () -> assertEquals("short must be an ISO-8601 duration of at least P1D such as P400D, got 'PT90S'",
                        assertThrows(IllegalStateException.class,
                                () -> Settings.duration(config, "short", "P400D", "P1D", null)).getMessage()),
                () -> assertEquals("big must be a whole number of at most 5 such as 3, got '7'",
                        assertThrows(IllegalStateException.class,
                                () -> Settings.number(config, "big", 3, null, 5)).getMessage()));
    }
}
