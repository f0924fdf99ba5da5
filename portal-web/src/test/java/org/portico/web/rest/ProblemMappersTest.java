package org.portico.web.rest;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The language a refusal answers in: the first of Accept-Language that Portico speaks, else English. */
class ProblemMappersTest {

    private static Locale answer(String... tags) {
        return ProblemMappers.Rejected.language(List.of(tags).stream().map(Locale::forLanguageTag).toList());
    }

    @Test
    void theFirstSpokenLanguageWinsElseEnglish() {
        assertAll(
                () -> assertEquals(Locale.ENGLISH, answer()),
                () -> assertEquals(Locale.GERMAN, answer("de")),
                () -> assertEquals(Locale.GERMAN, answer("de-AT")),
                () -> assertEquals(Locale.GERMAN, answer("fr", "de")),
                () -> assertEquals(Locale.ENGLISH, answer("en-GB", "de")),
                () -> assertEquals(Locale.ENGLISH, answer("fr", "it")),
                () -> assertEquals(Locale.ENGLISH, answer("*")));
    }
}
