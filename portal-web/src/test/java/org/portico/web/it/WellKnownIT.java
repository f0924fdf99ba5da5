package org.portico.web.it;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public documents an app developer starts from: the JWKS and the discovery document. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WellKnownIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void theJwksHoldsThePublicSigningKeyAndNothingPrivate() throws Exception {
        HttpResponse<String> response = get("/.well-known/jwks.json");
        JsonObject key = json(response.body()).getJsonArray("keys").getJsonObject(0);

        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/jwk-set+json")),
                () -> assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("max-age=300")),
                () -> assertEquals("EC", key.getString("kty"), "ES256 by default"),
                () -> assertEquals("P-256", key.getString("crv")),
                () -> assertEquals("ES256", key.getString("alg")),
                () -> assertEquals("sig", key.getString("use")),
                () -> assertFalse(key.getString("kid").isBlank()),
                () -> assertFalse(key.containsKey("d"), "no private key in the JWKS"));
    }

    @Test
    void theDiscoveryDocumentDescribesPorticoAsATokenIssuer() throws Exception {
        String issuer = System.getProperty("portico.it.base-url", "http://127.0.0.1:8180/").replaceAll("/$", "");
        HttpResponse<String> response = get("/.well-known/openid-configuration");
        JsonObject discovery = json(response.body());

        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertEquals(issuer, discovery.getString("issuer")),
                () -> assertEquals(issuer + "/.well-known/jwks.json", discovery.getString("jwks_uri")),
                () -> assertEquals(issuer + "/oauth2/token", discovery.getString("token_endpoint")),
                () -> assertEquals("urn:ietf:params:oauth:grant-type:token-exchange",
                        discovery.getJsonArray("grant_types_supported").getString(0)),
                () -> assertTrue(discovery.getJsonArray("access_token_signing_alg_values_supported").toString().contains("ES256")),
                () -> assertEquals(discovery, json(get("/.well-known/oauth-authorization-server").body()),
                        "the RFC 8414 document is the same"));
    }
}
