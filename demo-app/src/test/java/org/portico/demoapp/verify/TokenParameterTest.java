package org.portico.demoapp.verify;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The token among the pairs of a fragment or query, and the pairs left without it. */
class TokenParameterTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "#portico_token=a.b.c                    | a.b.c | ''",
            "portico_token=a.b.c                     | a.b.c | ''",
            "?portico_token=a.b.c                    | a.b.c | ''",
            "#from=mail&portico_token=a.b.c&tab=2    | a.b.c | from=mail&tab=2",
            "#portico%5Ftoken=a%2Eb%2Ec              | a.b.c | ''",
            "#portico_token=a-b_c.d+e                | a-b_c.d+e | ''",
            "#portico_token=first&portico_token=2nd  | first | ''",
            "#portico_token=                         | ''    | ''",
            "#portico_token=%zz                      | %zz   | ''",
            "#tab=notes                              | NONE  | tab=notes",
            "#x_portico_token=a&portico_tokens=b     | NONE  | x_portico_token=a&portico_tokens=b",
            "#&&portico_token=a&&                    | a     | ''",
            "''                                      | NONE  | ''",
            "NONE                                    | NONE  | ''",
    })
    void findsTheTokenAndKeepsTheRest(String pairs, String token, String rest) {
        assertEquals(Optional.ofNullable(token), TokenParameter.find(pairs));
        assertEquals(rest, TokenParameter.without(pairs));
    }
}
