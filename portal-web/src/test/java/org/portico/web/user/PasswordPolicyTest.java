package org.portico.web.user;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"portico-demo", "correct horse battery", "ÄÖÜäöüßéèêë"})
    void acceptsLongEnoughPasswords(String password) {
        assertDoesNotThrow(() -> PasswordPolicy.check("alice", password));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "alice | short     | The password must have at least 10 characters.",
            "alice | xxalicexxxx | The password must not contain the username.",
            "alice | xxALICExxxx | The password must not contain the username."})
    void rejectsWithAMessageThatSaysWhatIsValid(String username, String password, String message) {
        var rejected = assertThrows(UserRejectedException.WeakPassword.class, () -> PasswordPolicy.check(username, password));
        assertEquals(message, rejected.getMessage());
    }

    @org.junit.jupiter.api.Test
    void rejectsMissingAndOverlongPasswords() {
        assertThrows(UserRejectedException.WeakPassword.class, () -> PasswordPolicy.check("alice", null));
        assertThrows(UserRejectedException.WeakPassword.class,
                () -> PasswordPolicy.check("alice", "x".repeat(PasswordPolicy.MAX_LENGTH + 1)));
    }

    /** The reasons come from the bundle (problem.user.password.*): a German reader gets them in German. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "short       | Das Passwort muss mindestens 10 Zeichen haben.",
            "xxalicexxxx | Das Passwort darf den Benutzernamen nicht enthalten."})
    void aGermanReaderGetsTheReasonInGerman(String password, String message) {
        var rejected = assertThrows(UserRejectedException.WeakPassword.class, () -> PasswordPolicy.check("alice", password));
        assertEquals(message, rejected.message(Locale.GERMAN));
    }

    @org.junit.jupiter.api.Test
    void anOverlongPasswordIsRefusedWithItsLimit() {
        var rejected = assertThrows(UserRejectedException.WeakPassword.class,
                () -> PasswordPolicy.check("alice", "x".repeat(PasswordPolicy.MAX_LENGTH + 1)));
        assertEquals("The password must have at most 256 characters.", rejected.getMessage());
        assertEquals("Das Passwort darf höchstens 256 Zeichen haben.", rejected.message(Locale.GERMAN));
    }
}
