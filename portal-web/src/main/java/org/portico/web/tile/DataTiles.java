package org.portico.web.tile;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.portico.deeplink.token.UserIdentity;
import org.portico.web.metrics.PorticoMetrics;
import org.portico.web.settings.Settings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;

/**
 * What the data tile pages ask: the items of a tile for a user, from the cache ({@link TileCache}) in front of the
 * fault-tolerant fetch ({@link DataTileFetcher}). Whatever goes wrong — bad settings, the app down, slow, short-circuited
 * — is one {@link TileUnavailableException}, logged once here, so the page shows "unavailable" and never a 500.
 *
 * <p><b>A circuit breaker per app.</b> A failing app is short-circuited for a while without touching the others: each
 * app's fetches go through a circuit breaker of its own, a SmallRye Fault Tolerance {@link Guard} (the implementation
 * behind WildFly's MicroProfile Fault Tolerance, its programmatic form): when half of an app's last
 * {@value #BREAKER_WINDOW} fetches failed, its tiles say "unavailable" at once for
 * {@code portico.tiles.open-circuit-millis}, then two successes close it again. The annotations cannot do this: a
 * {@code @CircuitBreaker} keeps one state per method, shared by every app. A full bulkhead is Portico's own load, not
 * the app's fault, and does not count.
 *
 * <p>Configuration (MicroProfile Config), checked at start-up: {@code portico.tiles.fresh-for} (default
 * {@code PT30S}), {@code portico.tiles.stale-for} (how long after that a stale answer is still shown while it is
 * fetched anew, default {@code PT5M}), {@code portico.tiles.max-entries} (default 10,000),
 * {@code portico.tiles.open-circuit-millis} (default 30,000).
 */
@ApplicationScoped
public class DataTiles {

    private static final Logger LOG = Logger.getLogger(DataTiles.class.getName());
    static final int BREAKER_WINDOW = 8;
    private static final TypeLiteral<List<TileItem>> ITEMS = new TypeLiteral<>() {
    };

    @Inject
    PorticoMetrics metrics;

    @Inject
    DataTileFetcher fetcher;

    @Inject
    Config config;

    @Resource
    ManagedExecutorService executor;

    private TileCache cache;
    /** Each widget's settings read once, by the stored object's identity (weak: gone with the page's cache entry). */
    private final Cache<JsonObject, Optional<DataTileSettings>> settingsRead = Caffeine.newBuilder().weakKeys().build();
    /** One breaker per app id; an app not asked for an hour is forgotten (a new breaker is closed, as it would be). */
    private Cache<String, Guard> breakers;
    private long openCircuitMillis;
    /**
     * The apps whose circuit opened and has not closed since, each with the time until which it stays open
     * (System.nanoTime), as its breaker said. Until then a tile of such an app is "unavailable" at once, without a task
     * for the executor; after it, the fetches go to the breaker again, which lets its trial calls through (half-open)
     * and closes (the app leaves this map) or opens again.
     */
    private final Map<String, Long> openUntil = new ConcurrentHashMap<>();
    /**
     * The apps whose last fetch found them down — timed out, not reached, a server error — and that have not answered
     * since. The breaker opens only after {@value #BREAKER_WINDOW} fetches, and the fetches of one user's tile are
     * coalesced: a hanging app would leave seconds of browsers waiting for its timeout before its circuit opens. From
     * its first such failure the page says "unavailable" itself ({@link #failing}) and one trial runs behind it.
     */
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    /** The apps with a trial fetch started for a page ({@link #tryAgain}) and not yet answered: one at a time. */
    private final Set<String> trials = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void configure() {
        Duration freshFor = Settings.duration(config, "portico.tiles.fresh-for", "PT30S", "PT1S", "PT1H");
        Duration staleFor = Settings.duration(config, "portico.tiles.stale-for", "PT5M", "PT0S", "P1D");
        int maxEntries = Settings.number(config, "portico.tiles.max-entries", 10_000, 1, 1_000_000);
        openCircuitMillis = Settings.number(config, "portico.tiles.open-circuit-millis", 30_000, 100, 3_600_000);
        breakers = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(10_000).build();
        cache = new TileCache(this::fetch, freshFor, staleFor, maxEntries, Ticker.systemTicker(), executor);
        metrics.cache("tiles", cache.view());
    }

    /** The fetch through the app's circuit breaker, noting whether the app is {@link #down}. */
    private List<TileItem> fetch(TileRequest request) {
        String app = request.settings().app();
        try {
            List<TileItem> items = breakers.get(app, this::breaker).get(() -> fetcher.fetch(request), ITEMS);
            down.remove(app);
            return items;
        } catch (TimeoutException e) {
            down.add(app);
            metrics.tileFetchFailure("timeout");
            throw e;
        } catch (TileUnavailableException e) {
            if (e.isAppDown()) {
                down.add(app);
            }
            metrics.tileFetchFailure(e.isAppDown() ? "app_down" : "bad_answer");
            throw e;
        } catch (CircuitBreakerOpenException e) {
            metrics.tileFetchFailure("circuit_open");
            throw e;
        } catch (BulkheadException e) {
            metrics.tileFetchFailure("busy");
            throw e;
        } catch (RuntimeException e) {
            metrics.tileFetchFailure(PorticoMetrics.OTHER);
            throw e;
        }
    }

    private Guard breaker(String appId) {
        return Guard.create()
                .withDescription("data tiles of app " + appId)
                .withCircuitBreaker()
                .requestVolumeThreshold(BREAKER_WINDOW).failureRatio(0.5).successThreshold(2)
                .delay(openCircuitMillis, ChronoUnit.MILLIS)
                .skipOn(BulkheadException.class)
                .onStateChange(state -> {
                    LOG.info(() -> "Data tiles of app " + appId + ": circuit " + state);
                    if (state == CircuitBreakerState.OPEN) {
                        openUntil.put(appId, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(openCircuitMillis));
                    } else if (state == CircuitBreakerState.CLOSED) {
                        openUntil.remove(appId);
                    }
                })
                .done()
                .build();
    }

    /**
     * The tile's items for this user: at once from the cache, else when the app has answered or the fetch gave up.
     * No thread of the caller's waits for the app.
     *
     * @param settings the widget's settings as stored
     * @return the items; or a {@link TileUnavailableException} when there are none to show now: settings that no
     *         longer read, the app gone, failing, slow or short-circuited
     */
    public CompletableFuture<List<TileItem>> items(String widgetId, JsonObject settings, UserIdentity user,
                                                   String sessionId) {
        DataTileSettings read = read(settings).orElse(null);
        if (read == null) {
            return CompletableFuture.failedFuture(
                    new TileUnavailableException("data tile " + widgetId + ": invalid settings"));
        }
        if (circuitOpen(read.app())) {
            return CompletableFuture.failedFuture(new TileUnavailableException("data tile " + widgetId + ": the circuit"
                    + " of app " + read.app() + " is open"));
        }
        TileRequest request = new TileRequest(widgetId, read, user, sessionId);
        CompletableFuture<List<TileItem>> answer;
        try {
            answer = cache.get(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((items, failure) -> {
            if (failure == null) {
                return items;
            }
            throw unavailable(request, failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure);
        });
    }

    /**
     * The tile's items for this user if the cache holds them now (fresh, or stale while one refresh runs): what the
     * page can show at once instead of a placeholder. Never waits for, never asks the app.
     */
    public Optional<List<TileItem>> ready(String widgetId, JsonObject settings, UserIdentity user, String sessionId) {
        return read(settings).flatMap(read -> cache.ready(new TileRequest(widgetId, read, user, sessionId)));
    }

    /**
     * Whether the tile's app is failing: its last fetch found it down and it has not answered since, or its circuit
     * opened and has not closed since (open, or half-open while its trial calls run). The page then says "unavailable"
     * itself instead of leaving the tile to the browser, whose request would wait for the app's timeout;
     * {@link #tryAgain} lets the app recover behind the page.
     */
    public boolean failing(JsonObject settings) {
        return read(settings).map(read -> down.contains(read.app()) || openUntil.containsKey(read.app())).orElse(false);
    }

    /**
     * For a page that shows the tile of a {@link #failing} app as "unavailable": unless the app's circuit is open,
     * starts one fetch of this tile in the background (one per app at a time; while the circuit is half-open it is the
     * breaker's trial call). Its answer fills the cache, so the next page view shows the items; a failure counts for
     * the breaker like any other. Never waits.
     */
    public void tryAgain(String widgetId, JsonObject settings, UserIdentity user, String sessionId) {
        Optional<DataTileSettings> read = read(settings);
        if (read.isEmpty() || circuitOpen(read.get().app()) || !trials.add(read.get().app())) {
            return;
        }
        String app = read.get().app();
        try {
            items(widgetId, settings, user, sessionId).whenComplete((items, failure) -> trials.remove(app));
        } catch (RuntimeException e) {
            trials.remove(app);
            throw e;
        }
    }

    private boolean circuitOpen(String appId) {
        Long open = openUntil.get(appId);
        return open != null && System.nanoTime() - open < 0;
    }

    private Optional<DataTileSettings> read(JsonObject settings) {
        return settingsRead.get(settings, json -> DataTileSettings.read(json).settings());
    }

    /** The failure as the page's "unavailable", logged once. */
    private static TileUnavailableException unavailable(TileRequest request, Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            LOG.fine(() -> request + ": not asked, the circuit is open after repeated failures");
            return new TileUnavailableException(request + ": circuit open", failure);
        }
        if (failure instanceof FaultToleranceException) {
            LOG.warning(() -> request + ": " + failure.getClass().getSimpleName());
            return new TileUnavailableException(request + ": " + failure.getClass().getSimpleName(), failure);
        }
        if (failure instanceof TileUnavailableException unavailable) {
            LOG.warning(unavailable::getMessage);
            return unavailable;
        }
        LOG.log(Level.WARNING, failure, () -> request + ": failed");
        return new TileUnavailableException(request + ": failed", failure);
    }
}
