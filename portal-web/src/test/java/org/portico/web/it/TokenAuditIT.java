package org.portico.web.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.portico.web.it.ItSupport.basic;
import static org.portico.web.it.ItSupport.json;

/**
 * Issue 8, "state that must survive a restart", on the wire: a token exchange's audit entry is in the database when
 * the answer arrives (read straight from the table by {@link TableRowsServlet}, past the audit log's queue, right
 * after the response — no waiting), granted and refused alike; and a logout's revocation is a row in the database,
 * not only a note in one JVM's memory.
 */
class TokenAuditIT extends ApiTestBase {

    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico().addClasses(TableRowsServlet.class, AuditBlockServlet.class);
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    // Registered once for the class: registering hashes a client secret, which is slow on purpose.
    private static String caller;
    private static String callerAudience;
    private static String callerSecret;
    private static String targetAudience;

    @BeforeEach
    void registerApps() throws Exception {
        if (caller != null) {
            return;
        }
        ExchangeApps apps = registerExchangeApps("audited", "name");
        targetAudience = apps.targetAudience();
        callerAudience = apps.callerAudience();
        callerSecret = apps.callerSecret();
        caller = apps.caller();
    }

    private String aliceToken(HttpClient alice) throws Exception {
        HttpResponse<String> response = send(alice, "GET", "/api/token?audience="
                + URLEncoder.encode(callerAudience, StandardCharsets.UTF_8), null);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).getString("access_token");
    }

    private HttpResponse<String> exchange(String subjectToken, String audience) throws Exception {
        String body = Map.of("grant_type", EXCHANGE, "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN,
                        "audience", audience).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(root() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic(caller, callerSecret))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long rows(String query, String value) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(root() + "/it/rows?query=" + query
                + "&value=" + URLEncoder.encode(value, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Long.parseLong(response.body().strip());
    }

    @Test
    void everyExchangeIsInTheAuditTableWhenItsAnswerArrives() throws Exception {
        String subject = aliceToken(FormLogin.loggedIn(root(), "alice", "portico-demo"));
        long before = rows("audit-actor", "app:" + caller);

        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> granted = exchange(subject, targetAudience);
            long afterGranted = rows("audit-actor", "app:" + caller); // at once: no flush, no wait
            HttpResponse<String> refused = exchange(subject, "urn:portico-it:nobody");
            long afterRefused = rows("audit-actor", "app:" + caller);
            long expectedGranted = before + 2L * i - 1;
            assertAll("exchange " + i,
                    () -> assertEquals(200, granted.statusCode(), granted.body()),
                    () -> assertEquals(expectedGranted, afterGranted, "the granted exchange is stored"),
                    () -> assertEquals(400, refused.statusCode(), refused.body()),
                    () -> assertEquals(expectedGranted + 1, afterRefused, "the refused exchange is stored"));
        }
    }

    private int auditBlock(String method, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(root() + "/it/audit-block" + query))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** When the database refuses the exchange's audit entry, no token leaves: 503 server_error, try again later. */
    @Test
    void anExchangeWhoseAuditEntryCannotBeStoredGetsNoToken() throws Exception {
        String subject = aliceToken(FormLogin.loggedIn(root(), "alice", "portico-demo"));
        HttpResponse<String> blocked;
        assertEquals(204, auditBlock("POST", ""));
        try {
            blocked = exchange(subject, targetAudience);
        } finally {
            assertEquals(204, auditBlock("DELETE", ""));
        }
        HttpResponse<String> afterwards = exchange(subject, targetAudience);

        assertAll(
                () -> assertEquals(503, blocked.statusCode(), blocked.body()),
                () -> assertEquals("server_error", json(blocked).getString("error")),
                () -> assertEquals(false, json(blocked).containsKey("access_token")),
                () -> assertEquals(false, blocked.body().contains("eyJ"), "no token anywhere in the answer"),
                () -> assertEquals("5", blocked.headers().firstValue("Retry-After").orElse("")),
                () -> assertEquals("no-store", blocked.headers().firstValue("Cache-Control").orElse("")),
                () -> assertEquals(200, afterwards.statusCode(), "works again once the database takes entries"));
    }

    @Test
    void aLogoutIsARevocationRowInTheDatabase() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        String token = aliceToken(alice);
        String sid = Json.createReader(new java.io.StringReader(new String(Base64.getUrlDecoder()
                .decode(token.split("\\.")[1]), StandardCharsets.UTF_8))).readObject().getString("sid");

        long before = rows("revocation", "sid:" + sid);
        FormLogin.logout(alice, root());
        HttpResponse<String> afterLogout = exchange(token, targetAudience);

        assertAll(
                () -> assertEquals(0, before),
                () -> assertEquals(1, rows("revocation", "sid:" + sid), "stored, so a restart or another node knows"),
                () -> assertEquals(400, afterLogout.statusCode(), afterLogout.body()),
                () -> assertEquals("invalid_grant", json(afterLogout).getString("error")));
    }
}
