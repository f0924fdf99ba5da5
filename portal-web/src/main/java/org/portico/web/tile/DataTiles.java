package org.portico.web.tile;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.portico.deeplink.token.UserIdentity;
import org.portico.web.settings.Settings;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * What the data tile pages ask: the items of a tile for a user, from the cache ({@link TileCache}) in front of the
 * fault-tolerant fetch ({@link DataTileFetcher}). Whatever goes wrong — bad settings, the app down, slow, short-circuited
 * — is one {@link TileUnavailableException}, logged once here, so the page shows "unavailable" and never a 500.
 *
 * <p>Configuration (MicroProfile Config), checked at start-up: {@code portico.tiles.fresh-for} (default
 * {@code PT30S}), {@code portico.tiles.stale-for} (how long after that a stale answer is still shown while it is
 * fetched anew, default {@code PT5M}), {@code portico.tiles.max-entries} (default 10,000).
 */
@ApplicationScoped
public class DataTiles {

    private static final Logger LOG = Logger.getLogger(DataTiles.class.getName());

    @Inject
    DataTileFetcher fetcher;

    @Inject
    Config config;

    @Resource
    ManagedExecutorService executor;

    private TileCache cache;

    @PostConstruct
    void configure() {
        Duration freshFor = Settings.duration(config, "portico.tiles.fresh-for", "PT30S", "PT1S", "PT1H");
        Duration staleFor = Settings.duration(config, "portico.tiles.stale-for", "PT5M", "PT0S", "P1D");
        int maxEntries = Settings.number(config, "portico.tiles.max-entries", 10_000, 1, 1_000_000);
        cache = new TileCache(fetcher::fetch, freshFor, staleFor, maxEntries, Ticker.systemTicker(), executor);
    }

    /**
     * The tile's items for this user.
     *
     * @param settings the widget's settings as stored
     * @throws TileUnavailableException when there are none to show now: settings that no longer read, the app gone,
     *                                  failing, slow or short-circuited
     */
    public List<TileItem> items(String widgetId, JsonObject settings, UserIdentity user, String sessionId) {
        DataTileSettings read = DataTileSettings.read(settings).settings()
                .orElseThrow(() -> new TileUnavailableException("data tile " + widgetId + ": invalid settings"));
        TileRequest request = new TileRequest(widgetId, read, user, sessionId);
        try {
            return cache.get(request);
        } catch (CircuitBreakerOpenException e) {
            LOG.fine(() -> request + ": not asked, the circuit is open after repeated failures");
            throw new TileUnavailableException(request + ": circuit open", e);
        } catch (FaultToleranceException e) {
            LOG.warning(() -> request + ": " + e.getClass().getSimpleName());
            throw new TileUnavailableException(request + ": " + e.getClass().getSimpleName(), e);
        } catch (TileUnavailableException e) {
            LOG.warning(e::getMessage);
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> request + ": failed");
            throw new TileUnavailableException(request + ": failed", e);
        }
    }
}
