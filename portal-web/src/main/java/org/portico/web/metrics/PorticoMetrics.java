package org.portico.web.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Portico's own meters, in the {@link MeterRegistry} of WildFly's micrometer subsystem, which serves them in Prometheus
 * format on the management interface ({@code /metrics}). Every name starts with {@code portico.} (Prometheus:
 * {@code portico_…}); tag values come from small fixed sets, never from what a user typed (a value outside its set is
 * counted as {@code other}). The names and what to watch: {@code src/docs/operations.md}, "Metrics".
 *
 * <p>Only the registry methods that name a meter directly ({@code counter(name, tags)}, {@code gauge(…)},
 * {@code more().counter(…)}) are used, never the meter builders: WildFly 39 hands a deployment an
 * {@code ApplicationRegistry} that forwards just those to the exported registry; a meter registered through a builder
 * stays in that wrapper and is never scraped.
 *
 * <p>A leaf: it knows no other package of Portico's; the features call it where their outcome is decided. Meters are
 * removed again when the application stops, so an undeployed Portico leaves nothing behind in the server's registry.
 * Thread-safe.
 */
@ApplicationScoped
public class PorticoMetrics {

    /** Tag values are lower-case words of at most 32 characters: anything else is {@link #OTHER}. */
    private static final Pattern TAG_VALUE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** The tag value for anything outside the expected set. */
    public static final String OTHER = "other";

    /** OAuth error codes a token request can end with (RFC 6749 5.2, RFC 8693 2.2.2); others count as {@link #OTHER}. */
    static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_target", "server_error",
            "temporarily_unavailable");

    private final List<Meter> registered = new CopyOnWriteArrayList<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final List<Gauged> gauges = new CopyOnWriteArrayList<>();
    private final List<Object> gaugeObjects = new CopyOnWriteArrayList<>();

    private record Gauged(String name, Tags tags) {
    }

    @Inject
    MeterRegistry registry;

    /** For CDI. */
    protected PorticoMetrics() {
    }

    /** With a registry of the caller's (tests: {@code SimpleMeterRegistry}). */
    public PorticoMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One deep-link hop resolved, with its outcome's code ({@code ok}, {@code expired}, …). */
    public void linkHop(String outcome) {
        counter("portico.link.hops", "outcome", outcome).increment();
    }

    /** An RFC 8693 token exchange answered: {@code granted}, or the OAuth error code it was refused with. */
    public void tokenExchange(String outcome) {
        String bounded = "granted".equals(outcome) || OAUTH_ERRORS.contains(outcome) ? outcome : OTHER;
        counter("portico.token.exchanges", "outcome", bounded)
                .increment();
    }

    /**
     * A login attempt ended.
     *
     * @param method  {@code password} (the login form) or {@code oidc}
     * @param outcome {@code success}, or why it failed: {@code wrong_password}, {@code throttled}, {@code busy}, …
     */
    public void login(String method, String outcome) {
        counter("portico.logins", "method", method, "outcome", outcome)
                .increment();
    }

    /** A data tile's fetch from its app failed ({@code timeout}, {@code app_down}, {@code circuit_open}, …). */
    public void tileFetchFailure(String reason) {
        counter("portico.tile.fetch.failures", "reason", reason)
                .increment();
    }

    /**
     * Publishes a Caffeine cache's statistics under {@code cache=name}: requests by result (hit, miss), evictions and
     * size. The cache must be built with {@code recordStats()}; the hit ratio is hits / (hits + misses).
     *
     * @param name a fixed name such as {@code routes}: one per cache, not per entry
     */
    public void cache(String name, Cache<?, ?> cache) {
        cache(name, cache::stats, cache::estimatedSize);
    }

    /**
     * As {@link #cache(String, Cache)}, for a cache that a pure module keeps to itself and shows only through its
     * statistics and size.
     */
    public void cache(String name, Supplier<CacheStats> stats, LongSupplier size) {
        Tags tags = Tags.of("cache", bounded(name));
        CacheSource source = new CacheSource(stats, size);
        gaugeObjects.add(source); // meters hold their object weakly
        add(registry.more().counter("portico.cache.requests", tags.and("result", "hit"), source,
                s -> s.stats().get().hitCount()));
        add(registry.more().counter("portico.cache.requests", tags.and("result", "miss"), source,
                s -> s.stats().get().missCount()));
        add(registry.more().counter("portico.cache.evictions", tags, source, s -> s.stats().get().evictionCount()));
        gauge("portico.cache.size", tags, source, s -> s.size().getAsLong());
    }

    private record CacheSource(Supplier<CacheStats> stats, LongSupplier size) {
    }

    /**
     * A gauge read at every scrape from {@code value}, which must answer at once from memory (scrapes run on the
     * management interface's threads, outside the application's transactions and contexts).
     */
    public void gauge(String name, Supplier<Number> value, String... tags) {
        for (int i = 1; i < tags.length; i += 2) {
            tags[i] = bounded(tags[i]);
        }
        gauge(name, Tags.of(tags), value, supplier -> supplier.get().doubleValue());
    }

    /** Gauges hold their object weakly: {@link #gaugeObjects} keeps it until the application stops. */
    private <T> void gauge(String name, Tags tags, T object, ToDoubleFunction<T> value) {
        gaugeObjects.add(object);
        registry.gauge(name, tags, object, value);
        gauges.add(new Gauged(name, tags));
    }

    /**
     * A change made on some node was seen by this node's change-marker poll ({@code cluster/}), by topic
     * ({@code routes}, {@code signing_keys}, …: dashes become underscores).
     */
    public void clusterChangeSeen(String topic) {
        counter("portico.cluster.changes.seen", "topic", topic == null ? null : topic.replace('-', '_')).increment();
    }

    /** A poll of the change markers failed: while it keeps failing, caches fall back on their own expiry. */
    public void clusterPollFailed() {
        counter("portico.cluster.poll.failures").increment();
    }

    /** The counter of that name and tags, built once: the callers are on hot paths (a token exchange, a hop). */
    private Counter counter(String name, String... tags) {
        for (int i = 1; i < tags.length; i += 2) {
            tags[i] = bounded(tags[i]);
        }
        return counters.computeIfAbsent(name + String.join("\u0000", tags), key -> {
            Counter counter = registry.counter(name, tags);
            registered.add(counter);
            return counter;
        });
    }

    private void add(Meter meter) {
        registered.add(meter);
    }

    static String bounded(String value) {
        if (value == null) {
            return OTHER;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return TAG_VALUE.matcher(lower).matches() ? lower : OTHER;
    }

    /** Takes Portico's meters out of the server's registry: the next deployment starts them anew. */
    @PreDestroy
    void removeAll() {
        for (Meter meter : registered) {
            registry.remove(meter);
        }
        for (Gauged gauge : gauges) {
            registry.find(gauge.name()).tags(gauge.tags()).meters().forEach(registry::remove);
        }
        registered.clear();
        counters.clear();
        gauges.clear();
        gaugeObjects.clear();
    }
}
