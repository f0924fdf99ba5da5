package org.portico.web.cms.source;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portico.cms.spi.ConnectionCheck;

/**
 * "Test connection" as a whole within the source's timeout: a check of several requests, each in time but all
 * together too slow, must not keep the admin's page waiting.
 */
class CmsSourcesCheckTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        executor.shutdownNow();
    }

    @Test
    void aCheckThatTakesLongerThanTheDeadlineEndsThereSayingSo() {
        ConnectionCheck check = CmsSources.within(Duration.ofMillis(100), () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ConnectionCheck.reached("too late", Duration.ofSeconds(9));
        }, executor, "Strapi at http://127.0.0.1:1337/", Duration.ofMillis(100));

        assertAll(
                () -> assertFalse(check.reached()),
                () -> assertEquals("Strapi at http://127.0.0.1:1337/", check.summary()),
                () -> assertTrue(check.problem().startsWith("no complete answer within 100 ms"), check.problem()),
                () -> assertTrue(check.took().compareTo(Duration.ofMillis(100)) >= 0, check.took().toString()),
                () -> assertTrue(check.took().compareTo(Duration.ofSeconds(5)) < 0, check.took().toString()));
    }

    @Test
    void aCheckInTimeIsAnsweredAsItIs() {
        ConnectionCheck reached = ConnectionCheck.reached("Strapi at http://127.0.0.1:1337/ — 1 published entry",
                Duration.ofMillis(12));

        assertSame(reached, CmsSources.within(Duration.ofSeconds(5), () -> reached, executor, "Strapi", Duration.ofSeconds(5)));
    }

    @Test
    void aBrokenCheckIsNotTurnedIntoATimeout() {
        IllegalStateException broken = new IllegalStateException("broken setup");

        assertSame(broken, assertThrows(IllegalStateException.class, () -> CmsSources.within(Duration.ofSeconds(5),
                () -> { throw broken; }, executor, "Strapi", Duration.ofSeconds(5))));
    }
}
