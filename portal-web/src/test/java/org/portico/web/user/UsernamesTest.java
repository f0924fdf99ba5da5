package org.portico.web.user;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UsernamesTest {

    @ParameterizedTest
    @CsvSource({"alice,alice", "' Alice ',alice", "j.doe-2_x,j.doe-2_x", "a1,a1"})
    void normalisesWhatPeopleType(String typed, String expected) {
        assertEquals(expected, Usernames.require(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a", "-alice", ".alice", "al ice", "alice@example.org", "ålice", "alice<script>",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void rejectsWhatIsNotAUsername(String typed) {
        var rejected = assertThrows(UserRejectedException.InvalidUser.class, () -> Usernames.require(typed));
        assertEquals(true, rejected.getMessage().startsWith("A username has 2 to 64 characters"));
    }

    /** The reason comes from the bundle (problem.user.username.invalid): English as before, German for a German reader. */
    @Test
    void theReasonReadsAsBeforeInEnglishAndInGermanForAGermanReader() {
        var rejected = assertThrows(UserRejectedException.InvalidUser.class, () -> Usernames.require("al ice"));
        assertEquals("A username has 2 to 64 characters: lower case letters, digits, '.', '-' or '_', starting with a"
                + " letter or digit; got 'al ice'.", rejected.getMessage());
        assertEquals("Ein Benutzername hat 2 bis 64 Zeichen: Kleinbuchstaben, Ziffern, '.', '-' oder '_', am Anfang ein"
                + " Buchstabe oder eine Ziffer; eingegeben wurde 'al ice'.", rejected.message(Locale.GERMAN));
    }
}
