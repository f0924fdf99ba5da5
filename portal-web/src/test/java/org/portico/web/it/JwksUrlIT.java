package org.portico.web.it;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

/**
 * Apps' JWKS URLs, which Portico fetches: no internal host unless the admin allows it for the app, no redirects.
 * The app's keys are served by an HTTP server inside the test, on 127.0.0.1.
 */
class JwksUrlIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private HttpClient ada;
    private HttpServer keys;
    private String keysUrl;
    private ECKey appKey;
    private final AtomicInteger jwksFetches = new AtomicInteger();

    @BeforeEach
    void startTheAppsKeyServer() throws Exception {
        ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        appKey = new ECKeyGenerator(Curve.P_256).keyID(unique("kid")).generate();
        byte[] jwks = new JWKSet(appKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        keys = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        keys.createContext("/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        keys.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", keysUrl + "/jwks.json");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        keys.start();
        keysUrl = "http://127.0.0.1:" + keys.getAddress().getPort();
    }

    @AfterEach
    void stopTheKeyServer() {
        keys.stop(0);
    }

    private static String keyJwtApp(String id, String jwksUrl, Boolean allowInternal) {
        var app = Json.createObjectBuilder()
                .add("id", id).add("name", "Keys " + id).add("audience", "https://" + id + ".example")
                .add("baseUrls", Json.createArrayBuilder().add("https://" + id + ".example/app/"))
                .add("claims", Json.createArrayBuilder().add("name"))
                .add("clientAuthentication", "private_key_jwt").add("jwksUrl", jwksUrl);
        if (allowInternal != null) {
            app.add("allowInternalJwksHost", allowInternal);
        }
        return app.build().toString();
    }

    @Test
    void aJwksUrlOnLoopbackNeedsTheAdminsExplicitPermission() throws Exception {
        String refusedId = unique("loop");
        String allowedId = unique("loop-ok");

        HttpResponse<String> refused = send(ada, "POST", "/api/admin/apps", keyJwtApp(refusedId, "http://127.0.0.1/jwks.json", null));
        HttpResponse<String> refusedToo = send(ada, "POST", "/api/admin/apps", keyJwtApp(refusedId, "http://127.0.0.1/jwks.json", false));
        JsonObject allowed = createApp(ada, keyJwtApp(allowedId, "http://127.0.0.1/jwks.json", true));

        JsonObject error = json(refused).getJsonArray("errors").getJsonObject(0);
        assertAll(
                () -> assertEquals(400, refused.statusCode(), refused.body()),
                () -> assertEquals(PROBLEM, type(refused)),
                () -> assertEquals("jwksUrl", error.getString("field"), refused.body()),
                () -> assertTrue(error.getString("message").startsWith("The JWKS URL's host 127.0.0.1 is an internal address"),
                        refused.body()),
                () -> assertEquals(400, refusedToo.statusCode(), refusedToo.body()),
                () -> assertEquals(404, send(ada, "GET", "/api/admin/apps/" + refusedId, null).statusCode(), "not saved"),
                () -> assertTrue(allowed.getBoolean("allowInternalJwksHost"), allowed.toString()),
                () -> assertTrue(json(send(ada, "GET", "/api/admin/apps/" + allowedId, null)).getBoolean("allowInternalJwksHost")));
    }

    /**
     * An app's JWKS URL that answers with a redirect is not followed: the app cannot authenticate, and the
     * redirect's target (here the same server's real JWKS, elsewhere an internal service) is never asked.
     */
    @Test
    void aJwksUrlThatRedirectsIsNotFollowed() throws Exception {
        String direct = unique("direct");
        String redirected = unique("moved");
        createApp(ada, keyJwtApp(direct, keysUrl + "/jwks.json", true));
        createApp(ada, keyJwtApp(redirected, keysUrl + "/moved", true));

        HttpResponse<String> directIntrospection = introspect(direct);
        int fetchesBefore = jwksFetches.get();
        HttpResponse<String> redirectedIntrospection = introspect(redirected);

        assertAll(
                () -> assertEquals(200, directIntrospection.statusCode(), "the allowed loopback JWKS is used: "
                        + directIntrospection.body()),
                () -> assertFalse(json(directIntrospection).getBoolean("active")),
                () -> assertEquals(401, redirectedIntrospection.statusCode(), redirectedIntrospection.body()),
                () -> assertTrue(redirectedIntrospection.body().contains("\"invalid_client\""), redirectedIntrospection.body()),
                () -> assertEquals(fetchesBefore, jwksFetches.get(), "the redirect's target was not fetched"));
    }

    /** Introspects a meaningless token as {@code clientId}, authenticated by a private_key_jwt assertion. */
    private HttpResponse<String> introspect(String clientId) throws Exception {
        String issuer = json(get(HttpClient.newHttpClient(), "/.well-known/openid-configuration")).getString("issuer");
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(appKey.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer)
                        .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString())
                        .build());
        assertion.sign(new ECDSASigner(appKey));
        String form = "token=not-a-token&client_id=" + clientId
                + "&client_assertion_type=" + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion.serialize();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root() + "/oauth2/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
