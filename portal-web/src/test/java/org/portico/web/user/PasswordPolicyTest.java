package org.portico.web.user;

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
}
