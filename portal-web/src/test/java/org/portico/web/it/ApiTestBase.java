package org.portico.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.portico.web.it.ItSupport.json;

/**
 * Base of the ITs that call Portico's JSON API on the wire, from outside the server: the deployed WAR's root and the
 * requests they all make. Each subclass declares its own {@code @Deployment} (some add test servlets to the WAR).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class ApiTestBase {

    static final String PROBLEM = "application/problem+json";

    @ArquillianResource
    URL base;

    /** The deployment's root URL, without the trailing slash. */
    String root() {
        return base.toString().replaceAll("/$", "");
    }

    /**
     * Sends a request that accepts JSON (CSV for a {@code .csv} path); a body, if any, goes with the content type.
     */
    HttpResponse<String> send(HttpClient client, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        String accept = path.contains(".csv") ? "text/csv" : "application/json";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path)).header("Accept", accept);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request with a JSON body (or none) that accepts JSON (CSV for a {@code .csv} path). */
    HttpResponse<String> send(HttpClient client, String method, String path, String json)
            throws IOException, InterruptedException {
        return send(client, method, path, "application/json", json);
    }

    /** A plain GET without an {@code Accept} header, as a link followed in a browser's address bar. */
    HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(root() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Registers an app through the API as a site admin; the app as created, with its one-time client secret. */
    JsonObject createApp(HttpClient admin, String appJson) throws IOException, InterruptedException {
        HttpResponse<String> created = send(admin, "POST", "/api/admin/apps", appJson);
        assertEquals(201, created.statusCode(), created.body());
        return json(created);
    }

    /** A target app and a caller app that may exchange tokens for it (see {@link #registerExchangeApps}). */
    record ExchangeApps(String caller, String callerSecret, String callerAudience, String targetAudience) {
    }

    /**
     * ada registers a target app and a caller app that may obtain tokens for the target by token exchange, both with
     * client secrets and the given user claims: ids {@code <prefix>-target-<tag>} and {@code <prefix>-caller-<tag>},
     * audiences {@code urn:portico-it:} and the id. Registering hashes a client secret, so tests do it once per class.
     */
    ExchangeApps registerExchangeApps(String prefix, String... claims) throws IOException, InterruptedException {
        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String target = prefix + "-target-" + tag;
        String caller = prefix + "-caller-" + tag;
        createApp(ada, exchangeApp(target, null, claims));
        String secret = createApp(ada, exchangeApp(caller, "urn:portico-it:" + target, claims)).getString("clientSecret");
        return new ExchangeApps(caller, secret, "urn:portico-it:" + caller, "urn:portico-it:" + target);
    }

    /** The JSON of an app as {@link #registerExchangeApps} registers it (id, audience {@code urn:portico-it:<id>}). */
    static String exchangeApp(String id, String mayExchangeFor, String... claims) {
        var app = Json.createObjectBuilder()
                .add("id", id)
                .add("name", "IT app " + id)
                .add("audience", "urn:portico-it:" + id)
                .add("baseUrls", Json.createArrayBuilder().add("https://" + id + ".example/"))
                .add("claims", Json.createArrayBuilder(List.of(claims)))
                .add("tokenLifetimeSeconds", 300)
                .add("clientAuthentication", "client_secret");
        if (mayExchangeFor != null) {
            app.add("exchangeAudiences", Json.createArrayBuilder().add(mayExchangeFor));
        }
        return app.build().toString();
    }

    /**
     * An RFC 8693 token exchange at {@code /oauth2/token}: the caller (client secret in a Basic header) trades the
     * subject's access token for one to the audience.
     */
    HttpResponse<String> exchangeToken(String caller, String secret, String subjectToken, String audience)
            throws IOException, InterruptedException {
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:token-exchange", UTF_8)
                + "&subject_token=" + URLEncoder.encode(subjectToken, UTF_8)
                + "&subject_token_type=" + URLEncoder.encode("urn:ietf:params:oauth:token-type:access_token", UTF_8)
                + "&audience=" + URLEncoder.encode(audience, UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", ItSupport.basic(caller, secret))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's {@code Content-Type}, or "" without one. */
    static String type(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** A request accepting JSON, with a JSON body (or none) and extra headers (name, value, …). */
    HttpResponse<String> call(HttpClient client, String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path)).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
