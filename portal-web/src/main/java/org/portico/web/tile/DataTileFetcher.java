package org.portico.web.tile;

import static org.portico.web.json.Jsons.JSON;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.deeplink.token.AccessToken;
import org.portico.deeplink.token.AccessTokenIssuer;
import org.portico.deeplink.token.AccessTokenRequest;
import org.portico.web.settings.Settings;

/**
 * Fetches a data tile's items from its app, server-side, as the user: {@code GET url} with
 * {@code Authorization: Bearer <token>}, the token one for the app's audience with the user as subject.
 *
 * <p><b>The token.</b> Portico is the authorization server. Its RFC 8693 exchange ({@code deeplink}'s
 * {@code TokenExchange}) exists for an app that holds a user's token and authenticates as a client; its policy ends
 * in {@link AccessTokenIssuer#issue(AccessTokenRequest)} with the user, the target app, the client and the
 * {@code sid}. Here there is no client and no subject token to present: the user is authenticated by Portico's own
 * session, which is what a subject token would only stand for. Minting a subject token for a pretend "portico" client
 * just to verify it again in the same JVM would add a signature and prove nothing, so the fetch calls the issuer
 * directly, in process, with exactly what the exchange would put in: the user (only the claims the app may
 * receive), the app's audience and token lifetime, the session's {@code sid} (logout revokes it), and
 * {@code client_id} the app itself, as {@code GET /api/token} gives the app's own front end in the portal.
 *
 * <p><b>Fault tolerance</b> is WildFly's MicroProfile Fault Tolerance on {@link #fetch}: a {@link Timeout} and a
 * {@link Bulkhead} (at most so many fetches at once; more fail at once instead of queueing). Their values come from
 * {@code portico.tiles.*} (see {@code microprofile-config.properties} and operations.md). The circuit breaker is per
 * app, around this method, in {@link DataTiles}: an annotation's breaker is one per method, shared by every app. The HTTP client has its own
 * connect and request timeouts, so a hanging app frees the thread too. No redirects are followed (the token must
 * not travel elsewhere); the body is capped ({@code portico.tiles.max-body}).
 *
 * <p>Thread-safe.
 */
@ApplicationScoped
public class DataTileFetcher {

    @Inject
    AppDirectory apps;

    @Inject
    AccessTokenIssuer tokens;

    @Inject
    Config config;

    private HttpClient http;
    private Duration requestTimeout;
    private int maxBody;

    @PostConstruct
    void configure() {
        Duration connectTimeout = Settings.duration(config, "portico.tiles.connect-timeout", "PT1S", "PT0.1S", "PT30S");
        requestTimeout = Duration.ofMillis(Settings.number(config, "portico.tiles.timeout-millis", 2000, 100, 60_000));
        maxBody = Settings.number(config, "portico.tiles.max-body", 256 * 1024, 1024, 16 * 1024 * 1024);
        http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The items of the tile for the user of {@code request}.
     *
     * @throws TileUnavailableException when the app is gone, answers with an error, too much or not the JSON the
     *                                  settings describe
     * @throws org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException when the fetch timed out or
     *                                  too many run at once
     */
    @Timeout(2000)
    @Bulkhead(20)
    public List<TileItem> fetch(TileRequest request) {
        DataTileSettings settings = request.settings();
        AppRegistration app = apps.findById(settings.app())
                .orElseThrow(() -> new TileUnavailableException(request + ": the app is not registered or disabled"));
        // Checked again on every fetch: the app's base URLs may have changed since the tile was saved.
        URI url = new RedirectGuard(app.baseUrls()).findAppTarget(settings.url())
                .orElseThrow(() -> new TileUnavailableException(request + ": the URL is not under the app's base URLs"));
        AccessToken token = tokens.issue(AccessTokenRequest.of(request.user(), app, app.id(), request.sessionId()));
        HttpRequest get = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw TileUnavailableException.appDown(request + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TileUnavailableException(request + ": interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 500) {
                throw TileUnavailableException.appDown(request + ": the app answered " + response.statusCode(), null);
            }
            if (response.statusCode() != 200) {
                throw new TileUnavailableException(request + ": the app answered " + response.statusCode());
            }
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (!type.startsWith("application/json") && !type.matches("application/[a-z0-9.+-]*\\+json.*")) {
                throw new TileUnavailableException(request + ": the app answered " + type + ", not JSON");
            }
            byte[] bytes = body.readNBytes(maxBody + 1);
            if (bytes.length > maxBody) {
                throw new TileUnavailableException(request + ": the answer is larger than " + maxBody + " bytes");
            }
            return TileItems.map(parse(bytes, request), settings);
        } catch (IOException e) {
            throw TileUnavailableException.appDown(request + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static JsonValue parse(byte[] bytes, TileRequest request) {
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw new TileUnavailableException(request + ": the answer is not JSON");
        }
    }
}
