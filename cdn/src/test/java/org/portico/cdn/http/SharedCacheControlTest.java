package org.portico.cdn.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SharedCacheControlTest {

    @Test
    void browsersRevalidateWhileTheSharedCacheKeepsIt() {
        assertEquals("public, max-age=0, s-maxage=600", new SharedCacheControl(Duration.ofMinutes(10)).toHeaderValue());
    }

    @Test
    void theLifetimeIsWholeSecondsUpToAYear() {
        assertAll(
                () -> assertEquals("public, max-age=0, s-maxage=31536000",
                        new SharedCacheControl(CacheControl.ONE_YEAR).toHeaderValue()),
                () -> assertThrows(IllegalArgumentException.class, () -> new SharedCacheControl(Duration.ZERO)),
                () -> assertThrows(IllegalArgumentException.class, () -> new SharedCacheControl(Duration.ofMillis(1500))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new SharedCacheControl(CacheControl.ONE_YEAR.plusSeconds(1))));
    }
}
