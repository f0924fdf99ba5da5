package org.portico.web.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PorticoMetricsTest {

    private SimpleMeterRegistry registry;
    private PorticoMetrics metrics;

    @BeforeEach
    void setUp() {
        registry = new SimpleMeterRegistry();
        metrics = new PorticoMetrics(registry);
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void hopsAreCountedPerOutcome() {
        metrics.linkHop("ok");
        metrics.linkHop("ok");
        metrics.linkHop("expired");
        assertAll(
                () -> assertEquals(2, count("portico.link.hops", "outcome", "ok")),
                () -> assertEquals(1, count("portico.link.hops", "outcome", "expired")));
    }

    @Test
    void tokenExchangesKeepOAuthErrorCodesAndFoldTheRest() {
        metrics.tokenExchange("granted");
        metrics.tokenExchange("invalid_target");
        metrics.tokenExchange("made_up_by_someone");
        metrics.tokenExchange("x\ny");
        assertAll(
                () -> assertEquals(1, count("portico.token.exchanges", "outcome", "granted")),
                () -> assertEquals(1, count("portico.token.exchanges", "outcome", "invalid_target")),
                () -> assertEquals(2, count("portico.token.exchanges", "outcome", PorticoMetrics.OTHER)));
    }

    /** A tag value that is not a short lower-case word (a user name, a URL) never becomes a series of its own. */
    @Test
    void tagValuesOutsideTheirShapeAreOther() {
        metrics.login("password", "wrong_password");
        metrics.login("password", "Alice Smith <a@example.org>");
        metrics.tileFetchFailure(null);
        assertAll(
                () -> assertEquals(1, count("portico.logins", "method", "password", "outcome", "wrong_password")),
                () -> assertEquals(1, count("portico.logins", "method", "password", "outcome", "other")),
                () -> assertEquals(1, count("portico.tile.fetch.failures", "reason", "other")));
    }

    @Test
    void cacheStatisticsFollowTheCache() {
        Cache<String, String> cache = Caffeine.newBuilder().recordStats().build();
        metrics.cache("routes", cache);
        cache.get("a", key -> "A");
        cache.getIfPresent("a");
        cache.getIfPresent("a");
        assertAll(
                () -> assertEquals(2, registry.get("portico.cache.requests").tags("cache", "routes", "result", "hit")
                        .functionCounter().count()),
                () -> assertEquals(1, registry.get("portico.cache.requests").tags("cache", "routes", "result", "miss")
                        .functionCounter().count()),
                () -> assertEquals(1, registry.get("portico.cache.size").tags("cache", "routes").gauge().value()));
    }

    @Test
    void gaugesReadTheirSupplierAtEachScrape() {
        long[] value = {3};
        metrics.gauge("portico.cdn.purges", () -> value[0], "state", "FAILED");
        value[0] = 5;
        assertEquals(5, registry.get("portico.cdn.purges").tags("state", "failed").gauge().value());
    }

    /** An undeployed Portico leaves no meter (and so no reference to its classes) in the server's registry. */
    @Test
    void stoppingRemovesEveryMeter() {
        metrics.linkHop("ok");
        metrics.cache("apps", Caffeine.newBuilder().recordStats().build());
        metrics.gauge("portico.cdn.purges", () -> 1, "state", "pending");
        metrics.removeAll();
        assertAll(
                () -> assertEquals(0, registry.getMeters().size()),
                () -> assertNull(registry.find("portico.link.hops").counter()));
    }
}
