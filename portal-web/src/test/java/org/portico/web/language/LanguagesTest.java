package org.portico.web.language;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rule that picks the language of a request: the user's choice, else the browser's, else English. */
class LanguagesTest {

    @Test
    void theAccountsChoiceWinsOverTheCookieAndTheBrowser() {
        assertAll(
                () -> assertEquals(Locale.ENGLISH, Languages.choose("en", "de", "de-DE,de;q=0.9")),
                () -> assertEquals(Locale.GERMAN, Languages.choose("de", "en", "en-US,en;q=0.9")),
                () -> assertEquals(Locale.GERMAN, Languages.choose(null, "de", "en-US,en;q=0.9"), "a guest's cookie"),
                () -> assertEquals(Locale.ENGLISH, Languages.choose(null, "en", "de"), "a guest's cookie"));
    }

    @Test
    void withoutAChoiceTheBrowsersPreferenceCountsAmongTheLanguagesPorticoSpeaks() {
        assertAll(
                () -> assertEquals(Locale.GERMAN, Languages.choose(null, null, "de-CH")),
                () -> assertEquals(Locale.GERMAN, Languages.choose(null, null, "fr-FR,fr;q=0.9,de;q=0.8,en;q=0.7")),
                () -> assertEquals(Locale.ENGLISH, Languages.choose(null, null, "de;q=0.5,en;q=0.9")),
                () -> assertEquals(Locale.ENGLISH, Languages.choose(null, null, "en-GB")));
    }

    @Test
    void anythingElseIsEnglish() {
        assertAll(
                () -> assertEquals(Locale.ENGLISH, Languages.choose(null, null, null), "no header"),
                () -> assertEquals(Locale.ENGLISH, Languages.choose(null, null, "fr, it"), "no language Portico speaks"),
                () -> assertEquals(Locale.ENGLISH, Languages.choose(null, null, "de;q=x;;"), "a malformed header"),
                () -> assertEquals(Locale.ENGLISH, Languages.choose(null, null, "de," + "x-a;q=0.1,".repeat(60)),
                        "a header longer than any browser sends is not parsed"),
                () -> assertEquals(Locale.ENGLISH, Languages.choose("fr", "<script>", null), "unknown stored values"),
                () -> assertEquals(Locale.GERMAN, Languages.choose("xx", "DE-de", "de"), "only exact tags are stored"));
    }
}
