package org.portico.web.it;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.portico.web.app.DemoApps;

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

    /** The demo app's audience: the demo data registers it under the server's issuer (see DemoApps). */
    private String demoAudience() {
        return root() + DemoApps.PATH;
    }

    private String demoAppToken(HttpClient alice) throws Exception {
        HttpResponse<String> response = alice.send(HttpRequest.newBuilder(URI.create(root() + "/api/token?audience="
                + URLEncoder.encode(demoAudience(), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body()).getString("access_token");
    }

    @Test
    void adaRotatesTheKeyAndTokensSignedBeforeStillVerify() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        String before = demoAppToken(alice);
        JsonObject verifiedBefore = JoseVerifier.verify(root() + "/.well-known/jwks.json", root(),
                demoAudience(), before);
        String oldKid = verifiedBefore.getJsonObject("header").getString("kid");

        loginAs("ada", DEMO_PASSWORD);
        clickToNavigate("#nav-keys");
        assertEquals("/admin/keys.xhtml", path());
        find("#keys\\:rotate").click();

        assertTrue(find("#keys\\:messages").getText().contains("New signing key"));
        String table = find("#keys\\:table").getText();
        assertAll(
                () -> assertTrue(table.contains("Signing"), table),
                () -> assertTrue(table.contains("Verifying only"), table),
                () -> assertTrue(table.contains(oldKid), table));

        JsonObject oldTokenNow = JoseVerifier.verify(root() + "/.well-known/jwks.json", root(),
                demoAudience(), before);
        JsonObject newToken = JoseVerifier.verify(root() + "/.well-known/jwks.json", root(),
                demoAudience(), demoAppToken(alice));
        assertAll(
                () -> assertTrue(oldTokenNow.getBoolean("verified"), "signed before the rotation: " + oldTokenNow),
                () -> assertTrue(newToken.getBoolean("verified"), newToken.toString()),
                () -> assertNotEquals(oldKid, newToken.getJsonObject("header").getString("kid"), "signed with the new key"));
    }
}
