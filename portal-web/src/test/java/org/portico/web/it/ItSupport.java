package org.portico.web.it;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Small helpers the ITs share. In-container ITs add this class to their deployment, like {@link FormLogin}.
 */
final class ItSupport {

    private ItSupport() {
    }

    /** A name no other test run has used, e.g. {@code billing-1x2y3z}: tests share one database. */
    static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    /** The response's body as a JSON object. */
    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** An HTTP Basic {@code Authorization} value (client_secret_basic). */
    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A tool a test needs is missing here (Chromium, Node.js, the test OpenID provider): under CI ({@code CI=true})
     * that fails the test, because CI installs them and a skip would hide a broken install step; on a developer's
     * machine the test is skipped with the reason.
     */
    static void missing(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason);
        }
        Assumptions.abort(reason);
    }
}
