package org.portico.cms.spi;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ConnectionCheckTest {

    @Test
    void aProblemGoesWithNotReachedAndOnlyWithIt() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionCheck(true, "x", Duration.ZERO, "refused"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionCheck.failed("x", Duration.ZERO, ""));
    }
}
