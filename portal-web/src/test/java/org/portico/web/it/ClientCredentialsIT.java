package org.portico.web.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;


import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.basic;
import static org.portico.web.it.ItSupport.json;

/**
 * Issue 8, items 5 and 6: client credentials and tokens are accepted only from the form body or the
 * {@code Authorization} header, never from the URL query (RFC 6749 section 2.3.1), on {@code /oauth2/token},
 * {@code /oauth2/introspect} and {@code POST /api/links}; failing client authentication is throttled per client id
 * with 429 and {@code Retry-After}.
 */
class ClientCredentialsIT extends ApiTestBase {

    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    // Registered once for the class.
    private static String caller;
    private static String callerAudience;
    private static String callerSecret;
    private static String targetAudience;

    /** ada registers a target app and a caller app that may exchange tokens for it. */
    @BeforeEach
    void registerApps() throws Exception {
        if (caller != null) {
            return;
        }
        ExchangeApps apps = registerExchangeApps("creds", "name");
        targetAudience = apps.targetAudience();
        callerAudience = apps.callerAudience();
        callerSecret = apps.callerSecret();
        caller = apps.caller();
    }

    private String aliceToken() throws Exception {
        HttpResponse<String> response = send(FormLogin.loggedIn(root(), "alice", "portico-demo"), "GET",
                "/api/token?audience=" + URLEncoder.encode(callerAudience, StandardCharsets.UTF_8), null);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).getString("access_token");
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> post(String pathAndQuery, String authorization, Map<String, String> body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> exchangeOf(String subjectToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", EXCHANGE);
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", ACCESS_TOKEN);
        form.put("audience", targetAudience);
        return form;
    }

    private static Map<String, String> with(Map<String, String> form, String... pairs) {
        Map<String, String> all = new LinkedHashMap<>(form);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }

    private static String query(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return "?" + form(values);
    }

    /** The report: POST /oauth2/token?client_id=…&client_secret=… authenticated. */
    @Test
    void clientCredentialsInTheQueryAreAnInvalidRequestAndGetNoToken() throws Exception {
        String subject = aliceToken();

        HttpResponse<String> queryOnly = post("/oauth2/token" + query("client_id", caller, "client_secret", callerSecret),
                null, exchangeOf(subject));
        HttpResponse<String> secretInQuery = post("/oauth2/token" + query("client_secret", callerSecret), null,
                with(exchangeOf(subject), "client_id", caller));
        HttpResponse<String> subjectInQuery = post("/oauth2/token" + query("subject_token", subject),
                basic(caller, callerSecret), with(exchangeOf(subject), "subject_token", subject));
        HttpResponse<String> headerAndQuery = post("/oauth2/token" + query("client_id", caller),
                basic(caller, callerSecret), exchangeOf(subject));
        HttpResponse<String> inBody = post("/oauth2/token", null,
                with(exchangeOf(subject), "client_id", caller, "client_secret", callerSecret));

        assertAll(
                () -> assertRefused(queryOnly, "client_id"),
                () -> assertFalse(queryOnly.body().contains(callerSecret), "the secret is not echoed"),
                () -> assertRefused(secretInQuery, "client_secret"),
                () -> assertRefused(subjectInQuery, "subject_token"),
                () -> assertRefused(headerAndQuery, "client_id"),
                () -> assertEquals(200, inBody.statusCode(), "the form body still works: " + inBody.body()),
                () -> assertTrue(json(inBody).containsKey("access_token")));
    }

    @Test
    void introspectionTakesTheTokenAndCredentialsFromTheBodyOnly() throws Exception {
        String token = aliceToken();

        HttpResponse<String> tokenInQuery = post("/oauth2/introspect" + query("token", token),
                basic(caller, callerSecret), Map.of());
        HttpResponse<String> credentialsInQuery = post("/oauth2/introspect"
                + query("client_id", caller, "client_secret", callerSecret), null, Map.of("token", token));
        HttpResponse<String> inBody = post("/oauth2/introspect", null,
                Map.of("client_id", caller, "client_secret", callerSecret, "token", token));

        assertAll(
                () -> assertRefused(tokenInQuery, "token"),
                () -> assertRefused(credentialsInQuery, "client_id"),
                () -> assertFalse(credentialsInQuery.body().contains("\"active\"")),
                () -> assertEquals(200, inBody.statusCode(), inBody.body()),
                () -> assertTrue(json(inBody).getBoolean("active"), inBody.body()));
    }

    @Test
    void linkMintingRefusesCredentialsInTheQuery() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(root() + "/api/links"
                        + query("client_id", caller, "client_secret", callerSecret)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", basic(caller, callerSecret))
                .POST(HttpRequest.BodyPublishers.ofString("{\"route\":\"no-such-route\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertEquals(400, response.statusCode(), response.body()),
                () -> assertEquals(PROBLEM, type(response)),
                () -> assertTrue(json(response).getString("detail").contains("never in the URL"), response.body()),
                () -> assertFalse(response.body().contains(callerSecret)));
    }

    /** Issue 8 item 6: wrong secrets cost nothing without limit any more. */
    @Test
    void failingClientAuthenticationIsThrottledPerClientIdWith429AndRetryAfter() throws Exception {
        String stranger = "no-such-client-" + System.nanoTime();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> wrong = post("/oauth2/token", basic(stranger, "wrong-secret-" + i), Map.of());
            assertEquals(401, wrong.statusCode(), "free attempt " + (i + 1) + ": " + wrong.body());
        }
        HttpResponse<String> throttled = post("/oauth2/token", basic(stranger, "wrong-secret"), Map.of());
        HttpResponse<String> introspect = post("/oauth2/introspect", basic(stranger, "wrong-secret"),
                Map.of("token", "x"));
        HttpResponse<String> links = http.send(HttpRequest.newBuilder(URI.create(root() + "/api/links"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", basic(stranger, "wrong-secret"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"route\":\"no-such-route\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherClient = post("/oauth2/token", basic(caller, "wrong-secret"), Map.of());

        assertAll(
                () -> assertEquals(429, throttled.statusCode(), throttled.body()),
                () -> assertEquals("slow_down", json(throttled).getString("error")),
                () -> assertTrue(Integer.parseInt(throttled.headers().firstValue("Retry-After").orElse("0")) >= 1,
                        throttled.headers().toString()),
                () -> assertEquals(429, introspect.statusCode(), "the same client id at the introspection endpoint"),
                () -> assertEquals(429, links.statusCode(), links.body()),
                () -> assertEquals(PROBLEM, type(links)),
                () -> assertTrue(links.headers().firstValue("Retry-After").isPresent()),
                () -> assertEquals(401, otherClient.statusCode(), "another client id is not locked"));
    }

    private static void assertRefused(HttpResponse<String> response, String parameter) {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("application/json", type(response).split(";")[0]);
        assertEquals("invalid_request", json(response).getString("error"), response.body());
        assertTrue(json(response).getString("error_description").contains(parameter), response.body());
        assertFalse(response.body().contains("access_token"), "no token");
    }
}
