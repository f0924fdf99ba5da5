package org.portico.web.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.basic;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

/**
 * An app changed by a site admin is seen at once by the token endpoint and by link following on the node that made
 * the change, as a changed route is — not only when the app cache's entries expire.
 *
 * <p>Regression (issue 9): the app cache ({@code JpaAppDirectory}, 5 seconds) was never cleared on a change, so an
 * app disabled because its secret leaked kept getting tokens, and links kept leading into it, until the cached entry
 * expired. Each test warms the cache with a request that works, changes the app and asks again right away.
 */
class AppChangesIT extends ApiTestBase {

    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private HttpClient ada;

    @BeforeEach
    void loginAda() throws Exception {
        ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
    }

    private static JsonObjectBuilder app(String id, String mayExchangeFor) {
        JsonObjectBuilder app = Json.createObjectBuilder()
                .add("id", id)
                .add("name", "Changed app " + id)
                .add("audience", "urn:portico-it:" + id)
                .add("baseUrls", Json.createArrayBuilder().add("https://" + id + ".example/"))
                .add("claims", Json.createArrayBuilder().add("name"))
                .add("tokenLifetimeSeconds", 300)
                .add("clientAuthentication", "client_secret");
        if (mayExchangeFor != null) {
            app.add("exchangeAudiences", Json.createArrayBuilder().add(mayExchangeFor));
        }
        return app;
    }

    /** ada switches the app off through the admin API, sending it back as it was with {@code enabled: false}. */
    private void disable(String id, JsonObjectBuilder app) throws Exception {
        long version = json(send(ada, "GET", "/api/admin/apps/" + id, null)).getJsonNumber("version").longValue();
        HttpResponse<String> saved = send(ada, "PUT", "/api/admin/apps/" + id,
                app.add("enabled", false).add("version", version).build().toString());
        assertEquals(200, saved.statusCode(), saved.body());
    }

    private HttpResponse<String> exchange(String caller, String secret, String subjectToken, String audience)
            throws Exception {
        String body = Map.of("grant_type", EXCHANGE, "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN,
                        "audience", audience).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic(caller, secret))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDisabledAppGetsNoTokenByExchangeAtOnce() throws Exception {
        String target = unique("off-target");
        String caller = unique("off-caller");
        createApp(ada, app(target, null).build().toString());
        JsonObjectBuilder callerApp = app(caller, "urn:portico-it:" + target);
        String secret = createApp(ada, callerApp.build().toString()).getString("clientSecret");
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        HttpResponse<String> userToken = send(alice, "GET", "/api/token?audience="
                + URLEncoder.encode("urn:portico-it:" + caller, StandardCharsets.UTF_8), null);
        assertEquals(200, userToken.statusCode(), userToken.body());
        String subject = json(userToken).getString("access_token");
        HttpResponse<String> before = exchange(caller, secret, subject, "urn:portico-it:" + target);

        disable(caller, app(caller, "urn:portico-it:" + target));
        HttpResponse<String> after = exchange(caller, secret, subject, "urn:portico-it:" + target);

        assertAll(
                () -> assertEquals(200, before.statusCode(), "works while enabled: " + before.body()),
                () -> assertEquals(401, after.statusCode(), "refused at once: " + after.body()),
                () -> assertEquals("invalid_client", json(after).getString("error"), after.body()));
    }

    @Test
    void aLinkIntoADisabledAppIsRefusedAtOnce() throws Exception {
        String id = unique("off-links");
        createApp(ada, app(id, null).build().toString());
        String route = unique("off-route");
        HttpResponse<String> created = send(ada, "POST", "/api/admin/routes", Json.createObjectBuilder()
                .add("name", route)
                .add("target", Json.createObjectBuilder().add("appId", id)
                        .add("template", "https://" + id + ".example/start"))
                .build().toString());
        assertEquals(201, created.statusCode(), created.body());
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        HttpResponse<String> before = get(alice, "/link/" + route);

        disable(id, app(id, null));
        HttpResponse<String> after = get(alice, "/link/" + route);

        assertAll(
                () -> assertEquals(303, before.statusCode(), "works while enabled: " + before.body()),
                () -> assertTrue(before.headers().firstValue("Location").orElse("")
                        .startsWith("https://" + id + ".example/start"), before.headers().toString()),
                () -> assertEquals(403, after.statusCode(), "refused at once"),
                () -> assertTrue(after.body().contains("The app this link leads to is not available."), after.body()));
    }
}
