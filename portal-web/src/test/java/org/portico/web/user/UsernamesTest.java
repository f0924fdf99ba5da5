package org.portico.web.user;

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
}
