package org.portico.web.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.web.app.DemoApps;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.basic;
import static org.portico.web.it.ItSupport.json;

/**
 * Tokens on the wire, the way the apps behind Portico use them: a user token from {@code /api/token}, checked by npm
 * jose against the live JWKS; RFC 8693 exchange at {@code /oauth2/token} with every RFC 6749 error; RFC 7662
 * introspection that turns inactive when the user logs out.
 */
class TokenIT extends ApiTestBase {

    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    // Registered once for the class: registering hashes a client secret (PBKDF2), which is slow on purpose.
    private static String caller;
    private static String callerAudience;
    private static String callerSecret;
    private static String targetAudience;

    /** The demo app's audience: the demo data registers it under the server's issuer (see DemoApps). */
    private String demoAudience() {
        return root() + DemoApps.PATH;
    }

    /** ada registers a target app and a caller app that may exchange tokens for it. */
    @BeforeEach
    void registerApps() throws Exception {
        if (caller != null) {
            return;
        }
        ExchangeApps apps = registerExchangeApps("token", "name", "email", "roles");
        targetAudience = apps.targetAudience();
        callerAudience = apps.callerAudience();
        callerSecret = apps.callerSecret();
        caller = apps.caller();
    }

    private HttpResponse<String> userToken(HttpClient user, String audience) throws Exception {
        return send(user, "GET", "/api/token?audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8), null);
    }

    private String aliceToken(HttpClient alice) throws Exception {
        HttpResponse<String> response = userToken(alice, callerAudience);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).getString("access_token");
    }

    private HttpResponse<String> post(String path, String authorization, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }


    private Map<String, String> exchangeOf(String subjectToken, String audience) {
        return Map.of("grant_type", EXCHANGE, "subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN,
                "audience", audience);
    }

    @Test
    void aUserTokenVerifiesWithJoseAgainstTheLiveJwks() throws Exception {
        String token = aliceToken(FormLogin.loggedIn(root(), "alice", "portico-demo"));

        JsonObject result = JoseVerifier.verify(root() + "/.well-known/jwks.json", root(), callerAudience, token);

        JsonObject claims = result.getJsonObject("claims");
        assertAll(
                () -> assertTrue(result.getBoolean("verified"), result.toString()),
                () -> assertEquals("at+jwt", result.getJsonObject("header").getString("typ")),
                () -> assertEquals("alice", claims.getString("sub")),
                () -> assertEquals(caller, claims.getString("client_id")),
                () -> assertEquals("Alice End-User", claims.getString("name")),
                () -> assertEquals("alice@portico.example", claims.getString("email")),
                () -> assertEquals("[\"end-user\"]", claims.getJsonArray("roles").toString()),
                () -> assertFalse(claims.getString("jti").isBlank()),
                () -> assertFalse(claims.getString("sid").isBlank()),
                () -> assertEquals(300, claims.getInt("exp") - claims.getInt("iat")));
        JsonObject wrongAudience = JoseVerifier.verify(root() + "/.well-known/jwks.json", root(), targetAudience, token);
        assertEquals("ERR_JWT_CLAIM_VALIDATION_FAILED", wrongAudience.getString("code"), wrongAudience.toString());
    }

    @Test
    void userTokensAreOnlyForLoggedInUsersAndRegisteredApps() throws Exception {
        HttpResponse<String> guest = userToken(http, callerAudience);
        HttpResponse<String> unknown = userToken(FormLogin.loggedIn(root(), "alice", "portico-demo"), "urn:nobody");

        assertAll(
                () -> assertEquals(401, guest.statusCode()),
                () -> assertEquals("application/problem+json", guest.headers().firstValue("Content-Type").orElse("")),
                () -> assertEquals(403, unknown.statusCode(), unknown.body()),
                () -> assertTrue(unknown.body().contains("No app you may reach has this audience."), unknown.body()));
    }

    @Test
    void theCallerExchangesTheUsersTokenForOneToTheTarget() throws Exception {
        String subject = aliceToken(FormLogin.loggedIn(root(), "alice", "portico-demo"));
        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        long auditedBefore = grantedExchangesAudited(ada);

        HttpResponse<String> response = post("/oauth2/token", basic(caller, callerSecret), exchangeOf(subject, targetAudience));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject issued = json(response);
        JsonObject verified = JoseVerifier.verify(root() + "/.well-known/jwks.json", root(), targetAudience,
                issued.getString("access_token"));
        assertAll(
                () -> assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse("")),
                () -> assertEquals(ACCESS_TOKEN, issued.getString("issued_token_type")),
                () -> assertEquals("Bearer", issued.getString("token_type")),
                () -> assertTrue(verified.getBoolean("verified"), verified.toString()),
                () -> assertEquals("alice", verified.getJsonObject("claims").getString("sub")),
                () -> assertEquals(caller, verified.getJsonObject("claims").getString("client_id")));

        // Exchanges are audited in the background; reading the log stores what is queued first.
        assertEquals(auditedBefore + 1, grantedExchangesAudited(ada));
    }

    /** How many granted exchanges of the caller for the target the audit log's CSV export holds. */
    private long grantedExchangesAudited(HttpClient ada) throws Exception {
        HttpResponse<String> csv = get(ada, "/api/admin/audit.csv?action=TOKEN_EXCHANGED&actor=app:" + caller);
        assertEquals(200, csv.statusCode(), csv.body());
        String expected = ",app:" + caller + ",TOKEN_EXCHANGED,audience:" + targetAudience + ",SUCCESS,";
        return csv.body().lines().filter(line -> line.contains(expected)).count();
    }

    @Test
    void everyRefusalIsAnRfc6749ErrorWithoutEchoingSecrets() throws Exception {
        String subject = aliceToken(FormLogin.loggedIn(root(), "alice", "portico-demo"));
        String good = basic(caller, callerSecret);
        String wrongSecret = basic(caller, "wrong-" + callerSecret);

        HttpResponse<String> noClient = post("/oauth2/token", null, exchangeOf(subject, targetAudience));
        HttpResponse<String> badSecret = post("/oauth2/token", wrongSecret, exchangeOf(subject, targetAudience));
        HttpResponse<String> noGrant = post("/oauth2/token", good, Map.of("subject_token", subject));
        HttpResponse<String> password = post("/oauth2/token", good, Map.of("grant_type", "password", "username", "alice"));
        HttpResponse<String> tampered = post("/oauth2/token", good, exchangeOf(subject.substring(0, subject.length() - 4) + "AAAA", targetAudience));
        HttpResponse<String> garbage = post("/oauth2/token", good, exchangeOf("not-a-token", targetAudience));
        HttpResponse<String> notAllowed = post("/oauth2/token", good, exchangeOf(subject, demoAudience()));
        HttpResponse<String> get = get(http, "/oauth2/token");
        // The demo app has no exchange policy: it may not use token exchange at all.
        HttpResponse<String> demoToken = userToken(FormLogin.loggedIn(root(), "alice", "portico-demo"), demoAudience());
        HttpResponse<String> unauthorized = post("/oauth2/token", basic("demo-app", "demo-app-secret-change-me-in-production"),
                exchangeOf(json(demoToken).getString("access_token"), targetAudience));
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(root() + "/oauth2/token"))
                .header("Authorization", good).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"" + EXCHANGE + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertError(noClient, 401, "invalid_client"),
                () -> assertError(badSecret, 401, "invalid_client"),
                () -> assertEquals("Basic realm=\"portico\"", badSecret.headers().firstValue("WWW-Authenticate").orElse("")),
                () -> assertFalse(badSecret.body().contains(callerSecret)),
                () -> assertError(noGrant, 400, "invalid_request"),
                () -> assertError(password, 400, "unsupported_grant_type"),
                () -> assertError(tampered, 400, "invalid_grant"),
                () -> assertError(garbage, 400, "invalid_grant"),
                () -> assertFalse(garbage.body().contains("not-a-token"), "the token is not echoed"),
                () -> assertError(notAllowed, 400, "invalid_target"),
                () -> assertError(get, 405, "invalid_request"),
                () -> assertError(unauthorized, 400, "unauthorized_client"),
                () -> assertError(json, 400, "invalid_request"));
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(error, json(response).getString("error"), response.body());
    }

    @Test
    void introspectionIsActiveForTheAudienceUntilTheUserLogsOut() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        String token = aliceToken(alice);

        JsonObject before = json(post("/oauth2/introspect", basic(caller, callerSecret), Map.of("token", token)));
        FormLogin.logout(alice, root());
        JsonObject after = json(post("/oauth2/introspect", basic(caller, callerSecret), Map.of("token", token)));

        assertAll(
                () -> assertTrue(before.getBoolean("active"), before.toString()),
                () -> assertEquals("alice", before.getString("sub")),
                () -> assertFalse(after.getBoolean("active"), "logout revokes the session's tokens: " + after));
    }

}
