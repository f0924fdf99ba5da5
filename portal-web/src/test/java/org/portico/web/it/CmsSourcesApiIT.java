package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * External CMS sources through the admin API, and their webhooks on the wire: the webhook secret shown once and never
 * again; a host on Portico's own network only when the source allows it; "test connection" saying what it could not
 * reach, never a 500; a signed delivery taken once (its changes named by cache tag), and every other delivery (bad or
 * missing signature, stale, replayed, unknown source, not JSON) refused with problem+json. The real WordPress and
 * Strapi are the CMS ITs' (they need the services .ci/run starts); these need none.
 */
class CmsSourcesApiIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private HttpClient ada;

    @BeforeEach
    void loginAda() throws Exception {
        ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
    }


    /** A WordPress source on a loopback port where nothing listens (webhooks need no answer from the CMS). */
    private static String wordpress(String id, boolean allowInternal) {
        return "{\"id\":\"" + id + "\",\"type\":\"wordpress\",\"name\":\"Team blog\",\"baseUrl\":\"http://127.0.0.1:9/\","
                + "\"options\":{\"user\":\"portico\"},\"credential\":\"abcd efgh ijkl mnop qrst uvwx\","
                + "\"timeoutMillis\":1000,\"freshForSeconds\":60,\"enabled\":true,\"allowInternalHost\":" + allowInternal + "}";
    }

    private static String sign(String secret, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    /** Delivers as the plugin does, with a delivery UUID of its own unless the headers name one. */
    private HttpResponse<String> deliver(String source, String body, String... headers) throws Exception {
        boolean named = Arrays.asList(headers).contains("X-Portico-Delivery");
        String[] all = named ? headers : Stream.concat(Arrays.stream(headers),
                Stream.of("X-Portico-Delivery", UUID.randomUUID().toString())).toArray(String[]::new);
        return call(FormLogin.newClient(), "POST", "/api/cms/webhooks/" + source, body, all);
    }

    private static void assertProblem(int status, HttpResponse<String> response) {
        assertAll(
                () -> assertEquals(status, response.statusCode(), response.body()),
                () -> assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse("").split(";")[0]),
                () -> assertEquals(status, json(response).getInt("status")));
    }

    @Test
    void aSourceShowsItsWebhookSecretOnceAndNeverItsCredential() throws Exception {
        String id = unique("blog");
        HttpResponse<String> internalRefused = call(ada, "POST", "/api/admin/cms/sources", wordpress(id, false));
        HttpResponse<String> created = call(ada, "POST", "/api/admin/cms/sources", wordpress(id, true));
        HttpResponse<String> read = call(ada, "GET", "/api/admin/cms/sources/" + id, null);
        HttpResponse<String> list = call(ada, "GET", "/api/admin/cms/sources", null);
        HttpResponse<String> test = call(ada, "POST", "/api/admin/cms/sources/" + id + "/test", null);
        HttpResponse<String> aliceReads = call(FormLogin.loggedIn(root(), "alice", "portico-demo"), "GET",
                "/api/admin/cms/sources", null);

        JsonObject source = json(created);
        assertAll(
                () -> assertProblem(400, internalRefused),
                () -> assertTrue(internalRefused.body().contains("baseUrl"), internalRefused.body()),
                () -> assertEquals(201, created.statusCode(), created.body()),
                () -> assertEquals(43, source.getString("webhookSecret").length()),
                () -> assertTrue(source.getBoolean("hasCredential")),
                () -> assertEquals(root() + "/api/cms/webhooks/" + id, source.getString("webhookUrl")),
                () -> assertFalse(read.body().contains("webhookSecret"), read.body()),
                () -> assertFalse(read.body().contains("abcd efgh"), "the credential never comes back"),
                () -> assertFalse(list.body().contains("abcd efgh")),
                () -> assertTrue(read.headers().firstValue("ETag").isPresent()),
                () -> assertEquals(200, test.statusCode(), test.body()),
                () -> assertFalse(json(test).getBoolean("reached"), test.body()),
                () -> assertTrue(json(test).getString("problem").length() > 0, test.body()),
                () -> assertProblem(403, aliceReads));
    }

    @Test
    void aSignedDeliveryIsTakenOnceAndEveryOtherIsRefused() throws Exception {
        String id = unique("hook");
        String secret = json(call(ada, "POST", "/api/admin/cms/sources", wordpress(id, true))).getString("webhookSecret");
        String body = "{\"event\":\"update\",\"type\":\"page\",\"id\":7,\"slug\":\"opening-hours\",\"previousSlug\":"
                + "\"hours\",\"status\":\"publish\",\"modified\":\"2026-12-07T10:42:00Z\"}";
        long now = Instant.now().getEpochSecond();
        String signature = sign(secret, now, body);

        HttpResponse<String> taken = deliver(id, body, "X-Portico-Timestamp", Long.toString(now),
                "X-Portico-Signature", signature, "X-Portico-Delivery", "1b4e28ba-2fa1-11d2-883f-0016d3cca427");
        HttpResponse<String> replayed = deliver(id, body, "X-Portico-Timestamp", Long.toString(now),
                "X-Portico-Signature", signature, "X-Portico-Delivery", "6f1c1d9e-0c5b-4f55-9d51-0d1b7d1f4a2e");
        HttpResponse<String> wrongSecret = deliver(id, body, "X-Portico-Timestamp", Long.toString(now),
                "X-Portico-Signature", sign("not-the-secret-at-all-but-long", now, body));
        HttpResponse<String> tampered = deliver(id, body.replace("opening-hours", "other"),
                "X-Portico-Timestamp", Long.toString(now), "X-Portico-Signature", signature);
        HttpResponse<String> unsigned = deliver(id, body);
        long old = now - 3600;
        HttpResponse<String> stale = deliver(id, body, "X-Portico-Timestamp", Long.toString(old),
                "X-Portico-Signature", sign(secret, old, body));
        HttpResponse<String> unknown = deliver("no-such-source", body, "X-Portico-Timestamp", Long.toString(now),
                "X-Portico-Signature", signature);
        HttpResponse<String> notJson = FormLogin.newClient().send(HttpRequest.newBuilder(
                        URI.create(root() + "/api/cms/webhooks/" + id)).header("Content-Type", "text/plain")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertEquals(200, taken.statusCode(), taken.body()),
                () -> assertEquals(List.of("cms:" + id + ":page:opening-hours", "cms:" + id + ":page:hours"),
                        json(taken).getJsonArray("changed").getValuesAs(JsonString::getString)),
                () -> assertProblem(409, replayed),
                () -> assertProblem(401, wrongSecret),
                () -> assertProblem(401, tampered),
                () -> assertProblem(401, unsigned),
                () -> assertProblem(400, stale),
                () -> assertProblem(404, unknown),
                () -> assertProblem(415, notJson),
                () -> assertFalse(wrongSecret.body().contains(secret)));
    }

    @Test
    void aRenewedSecretReplacesTheOldOneAtOnce() throws Exception {
        String id = unique("renew");
        String first = json(call(ada, "POST", "/api/admin/cms/sources", wordpress(id, true))).getString("webhookSecret");
        HttpResponse<String> renewed = call(ada, "POST", "/api/admin/cms/sources/" + id + "/webhook-secret", null);
        String second = json(renewed).getString("webhookSecret");
        String body = "{\"event\":\"publish\",\"type\":\"post\",\"id\":8,\"slug\":\"news\",\"previousSlug\":null,"
                + "\"status\":\"publish\",\"modified\":\"2026-12-07T10:42:00Z\"}";
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> withOld = deliver(id, body, "X-Portico-Timestamp", Long.toString(now),
                "X-Portico-Signature", sign(first, now, body));
        HttpResponse<String> withNew = deliver(id, body, "X-Portico-Timestamp", Long.toString(now),
                "X-Portico-Signature", sign(second, now, body));

        assertAll(
                () -> assertEquals(200, renewed.statusCode(), renewed.body()),
                () -> assertFalse(first.equals(second)),
                () -> assertProblem(401, withOld),
                () -> assertEquals(200, withNew.statusCode(), withNew.body()));
    }
}
