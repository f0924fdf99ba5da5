package org.portico.web.view.login;

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginBackingTest {

    @Test
    void waitingTimesReadNaturally() {
        assertAll(
                () -> assertEquals("30 seconds", LoginBacking.humanize(Duration.ofSeconds(30), Locale.ENGLISH)),
                () -> assertEquals("2 seconds", LoginBacking.humanize(Duration.ofMillis(1_500), Locale.ENGLISH)),
                () -> assertEquals("1 second", LoginBacking.humanize(Duration.ofMillis(1), Locale.ENGLISH)),
                () -> assertEquals("2 minutes", LoginBacking.humanize(Duration.ofSeconds(90), Locale.ENGLISH)),
                () -> assertEquals("15 minutes", LoginBacking.humanize(Duration.ofMinutes(15), Locale.ENGLISH)));
    }

    @Test
    void waitingTimesReadNaturallyInGermanToo() {
        assertAll(
                () -> assertEquals("30 Sekunden", LoginBacking.humanize(Duration.ofSeconds(30), Locale.GERMAN)),
                () -> assertEquals("1 Sekunde", LoginBacking.humanize(Duration.ofMillis(1), Locale.GERMAN)),
                () -> assertEquals("15 Minuten", LoginBacking.humanize(Duration.ofMinutes(15), Locale.GERMAN)));
    }

    @Test
    void typedUsernamesCannotForgeLogLines() {
        assertAll(
                () -> assertEquals("alice?INFO admin logged in", LoginBacking.forLog("alice\nINFO admin logged in")),
                () -> assertEquals("x".repeat(64) + "…", LoginBacking.forLog("x".repeat(100))));
    }
}
