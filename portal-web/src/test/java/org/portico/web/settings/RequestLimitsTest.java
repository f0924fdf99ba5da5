package org.portico.web.settings;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestLimitsTest {

    @Test
    void aNumberOfBytesWithinTheRangeIsTheCap() {
        assertAll(
                () -> assertEquals(1024 * 1024, RequestLimits.parse("1048576")),
                () -> assertEquals(1024, RequestLimits.parse(" 1024 ")),
                () -> assertEquals(100L * 1024 * 1024, RequestLimits.parse("104857600")));
    }

    @Test
    void anythingElseFailsTheStartWithAValidExample() {
        for (String bad : new String[] {"1MiB", "", "1023", "104857601", "-1", "9999999999999999999"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RequestLimits.parse(bad), bad);
            assertEquals("portico.api.max-body-size must be a number of bytes between 1024 and 104857600 such as"
                    + " 1048576 (1 MiB), got '" + bad + "'", e.getMessage());
        }
    }
}
