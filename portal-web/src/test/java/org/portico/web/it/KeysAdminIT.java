package org.portico.web.it;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A site admin rotates the signing key; tokens signed before keep verifying for the apps, with npm jose. */
class KeysAdminIT extends BrowserTestBase {

    private String root() {
        return url("");
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private String demoAppToken(HttpClient alice) throws Exception {
        HttpResponse<String> response = alice.send(HttpRequest.newBuilder(
                URI.create(root() + "/api/token?audience=http%3A%2F%2Flocalhost%3A8080%2Fdemo-app")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body()).getString("access_token");
    }

    @Test
    void adaRotatesTheKeyAndTokensSignedBeforeStillVerify() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        String before = demoAppToken(alice);
        JsonObject verifiedBefore = JoseVerifier.verify(root() + "/.well-known/jwks.json", root(),
                "http://localhost:8080/demo-app", before);
        String oldKid = verifiedBefore.getJsonObject("header").getString("kid");

        loginAs("ada", DEMO_PASSWORD);
        find("#nav-keys").click();
        assertEquals("/admin/keys.xhtml", path());
        find("#keys\\:rotate").click();

        assertTrue(find("#keys\\:messages").getText().contains("New signing key"));
        String table = find("#keys\\:table").getText();
        assertAll(
                () -> assertTrue(table.contains("Signing"), table),
                () -> assertTrue(table.contains("Verifying only"), table),
                () -> assertTrue(table.contains(oldKid), table));

        JsonObject oldTokenNow = JoseVerifier.verify(root() + "/.well-known/jwks.json", root(),
                "http://localhost:8080/demo-app", before);
        JsonObject newToken = JoseVerifier.verify(root() + "/.well-known/jwks.json", root(),
                "http://localhost:8080/demo-app", demoAppToken(alice));
        assertAll(
                () -> assertTrue(oldTokenNow.getBoolean("verified"), "signed before the rotation: " + oldTokenNow),
                () -> assertTrue(newToken.getBoolean("verified"), newToken.toString()),
                () -> assertNotEquals(oldKid, newToken.getJsonObject("header").getString("kid"), "signed with the new key"));
    }
}
