package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.web.cdn.RecordingPurgeServer;

/**
 * Purge targets and the purge queue through the admin API ({@code /api/cdn}): the credential is written, never read;
 * every bad input is a problem+json naming its field; only site admins get in; "Test connection" says what it
 * reached or why not; a manual purge reaches a local endpoint that takes purges as Varnish does
 * ({@link RecordingPurgeServer}), a failing one shows as failed with its error and is retried at once on request.
 */
class CdnApiIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private HttpClient ada;
    private RecordingPurgeServer varnish;

    @BeforeEach
    void start() throws Exception {
        ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        varnish = new RecordingPurgeServer();
    }

    @AfterEach
    void stop() throws Exception {
        // The targets of this test go, with their queues, so that other tests' content changes queue nothing for them.
        for (JsonObject target : json(call(ada, "GET", "/api/cdn/targets", null)).getJsonArray("items")
                .getValuesAs(JsonObject.class)) {
            if (target.getString("name").startsWith("it-")) {
                call(ada, "DELETE", "/api/cdn/targets/" + target.getInt("id"), null);
            }
        }
        varnish.close();
    }

    private static void assertProblem(int status, HttpResponse<String> response) {
        assertAll(
                () -> assertEquals(status, response.statusCode(), response.body()),
                () -> assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse("").split(";")[0]),
                () -> assertEquals(status, json(response).getInt("status")));
    }

    private static List<String> errorFields(HttpResponse<String> response) {
        return json(response).getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(error -> error.getString("field")).toList();
    }

    private String varnishTarget(String endpoint) {
        return "{\"kind\":\"varnish\",\"name\":\"" + unique("it-varnish") + "\",\"endpoint\":\"" + endpoint
                + "\",\"options\":{\"timeout\":\"PT2S\"},\"enabled\":true}";
    }

    private JsonObject await(String what, String path, String state) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            JsonObject purge = json(call(ada, "GET", path, null));
            if (purge.getString("state").equals(state)) {
                return purge;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited 30 s for " + what);
    }

    @Test
    void theCredentialIsWrittenNeverReadAndOnlySiteAdminsGetIn() throws Exception {
        String name = unique("it-fastly");
        String body = "{\"kind\":\"fastly\",\"name\":\"" + name + "\",\"endpoint\":\"https://api.fastly.com\","
                + "\"options\":{\"serviceId\":\"SU1Z0isxPaozGVKXdv0eY\"},\"credential\":\"fastly-token-do-not-show\","
                + "\"enabled\":false}";
        HttpResponse<String> created = call(ada, "POST", "/api/cdn/targets", body);
        String location = created.headers().firstValue("Location").orElse("");
        String path = URI.create(location).getPath();
        HttpResponse<String> read = call(ada, "GET", path, null);
        HttpResponse<String> list = call(ada, "GET", "/api/cdn/targets", null);
        HttpResponse<String> noIfMatch = call(ada, "PUT", path, body);
        String etag = read.headers().firstValue("ETag").orElse("");
        HttpResponse<String> renamed = call(ada, "PUT", path, body.replace(name, name + "-2")
                .replace(",\"credential\":\"fastly-token-do-not-show\"", ""), "If-Match", etag);
        HttpResponse<String> stale = call(ada, "PUT", path, body, "If-Match", etag);
        HttpResponse<String> alice = call(FormLogin.loggedIn(root(), "alice", "portico-demo"), "GET",
                "/api/cdn/targets", null);
        HttpResponse<String> eddie = call(FormLogin.loggedIn(root(), "eddie", "portico-demo"), "POST",
                "/api/cdn/purges", "{\"tags\":[\"x\"]}");
        HttpResponse<String> guest = call(FormLogin.newClient(), "GET", "/api/cdn/purges", null);
        HttpResponse<String> crossSite = call(ada, "DELETE", path, null, "Origin", "https://evil.example");
        HttpResponse<String> deleted = call(ada, "DELETE", path, null);
        HttpResponse<String> gone = call(ada, "GET", path, null);
        HttpResponse<String> kinds = call(ada, "GET", "/api/cdn/kinds", null);

        assertAll(
                () -> assertEquals(201, created.statusCode(), created.body()),
                () -> assertTrue(json(created).getBoolean("hasCredential")),
                () -> assertEquals("fastly", json(created).getString("kind")),
                () -> assertFalse(created.body().contains("fastly-token-do-not-show")),
                () -> assertFalse(read.body().contains("fastly-token-do-not-show")),
                () -> assertFalse(list.body().contains("fastly-token-do-not-show")),
                () -> assertEquals("no-store", read.headers().firstValue("Cache-Control").orElse("")),
                () -> assertProblem(428, noIfMatch),
                () -> assertEquals(200, renamed.statusCode(), renamed.body()),
                () -> assertEquals(name + "-2", json(renamed).getString("name")),
                () -> assertTrue(json(renamed).getBoolean("hasCredential"), "left out, the credential is kept"),
                () -> assertProblem(409, stale),
                () -> assertProblem(403, alice),
                () -> assertProblem(403, eddie),
                () -> assertProblem(401, guest),
                () -> assertProblem(403, crossSite),
                () -> assertEquals(204, deleted.statusCode(), deleted.body()),
                () -> assertProblem(404, gone),
                () -> assertEquals(List.of("varnish", "fastly", "cloudflare", "cloudfront"), kinds(kinds)));
    }

    private static List<String> kinds(HttpResponse<String> response) {
        return jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readArray()
                .getValuesAs(JsonObject.class).stream().map(kind -> kind.getString("kind")).toList();
    }

    @Test
    void everyBadInputIsAProblemNamingItsField() throws Exception {
        HttpResponse<String> badKind = call(ada, "POST", "/api/cdn/targets",
                "{\"kind\":\"akamai\",\"name\":\"" + unique("it-x") + "\",\"endpoint\":\"https://x.example\"}");
        HttpResponse<String> badEndpoint = call(ada, "POST", "/api/cdn/targets", varnishTarget("ftp://varnish:6081"));
        HttpResponse<String> missingOption = call(ada, "POST", "/api/cdn/targets", "{\"kind\":\"cloudflare\",\"name\":\""
                + unique("it-cf") + "\",\"endpoint\":\"https://api.cloudflare.com\",\"credential\":\"t\"}");
        HttpResponse<String> notJson = call(ada, "POST", "/api/cdn/targets", "{\"kind\":");
        HttpResponse<String> textPlain = send(ada, "POST", "/api/cdn/targets", "text/plain", varnishTarget("http://x"));
        HttpResponse<String> tagWithSpace = call(ada, "POST", "/api/cdn/purges", "{\"tags\":[\"two words\"]}");
        HttpResponse<String> nothing = call(ada, "POST", "/api/cdn/purges", "{\"tags\":[],\"urls\":[]}");
        String many = Collections.nCopies(501, "\"t\"").stream().collect(Collectors.joining(","));
        HttpResponse<String> tooMany = call(ada, "POST", "/api/cdn/purges", "{\"tags\":[" + many + "]}");
        HttpResponse<String> badUrl = call(ada, "POST", "/api/cdn/purges", "{\"urls\":[\"javascript:alert(1)\"]}");
        HttpResponse<String> noSuchTarget = call(ada, "POST", "/api/cdn/purges", "{\"tags\":[\"t\"],\"targetId\":999999}");
        HttpResponse<String> badState = call(ada, "GET", "/api/cdn/purges?state=lost", null);
        HttpResponse<String> noSuchPurge = call(ada, "POST", "/api/cdn/purges/999999/retry", null);

        assertAll(
                () -> assertProblem(400, badKind),
                () -> assertEquals(List.of("kind"), errorFields(badKind)),
                () -> assertProblem(400, badEndpoint),
                () -> assertEquals(List.of("endpoint"), errorFields(badEndpoint)),
                () -> assertProblem(400, missingOption),
                () -> assertEquals(List.of("options"), errorFields(missingOption)),
                () -> assertTrue(missingOption.body().contains("zoneId"), missingOption.body()),
                () -> assertProblem(400, notJson),
                () -> assertProblem(415, textPlain),
                () -> assertProblem(400, tagWithSpace),
                () -> assertEquals(List.of("tags"), errorFields(tagWithSpace)),
                () -> assertProblem(400, nothing),
                () -> assertProblem(400, tooMany),
                () -> assertProblem(400, badUrl),
                () -> assertEquals(List.of("urls"), errorFields(badUrl)),
                () -> assertProblem(404, noSuchTarget),
                () -> assertProblem(400, badState),
                () -> assertProblem(404, noSuchPurge));
    }

    @Test
    void testConnectionSaysWhatItReachedOrWhyNot() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        int up = json(call(ada, "POST", "/api/cdn/targets", varnishTarget(varnish.endpoint()))).getInt("id");
        int down = json(call(ada, "POST", "/api/cdn/targets", varnishTarget("http://127.0.0.1:" + closedPort)))
                .getInt("id");

        HttpResponse<String> reached = call(ada, "POST", "/api/cdn/targets/" + up + "/test", null);
        HttpResponse<String> notReached = call(ada, "POST", "/api/cdn/targets/" + down + "/test", null);

        assertAll(
                () -> assertEquals(200, reached.statusCode(), reached.body()),
                () -> assertTrue(json(reached).getBoolean("reached"), reached.body()),
                () -> assertTrue(json(reached).getString("summary").contains(varnish.endpoint()), reached.body()),
                () -> assertEquals(List.of("portico:connection-check"), varnish.purgedTags(), "purges nothing cached"),
                () -> assertEquals(200, notReached.statusCode(), notReached.body()),
                () -> assertFalse(json(notReached).getBoolean("reached")),
                () -> assertTrue(json(notReached).getString("problem").contains("could not be reached"),
                        notReached.body()));
    }

    @Test
    void aManualPurgeIsDeliveredAndAFailedOneIsRetriedAtOnceOnRequest() throws Exception {
        int target = json(call(ada, "POST", "/api/cdn/targets", varnishTarget(varnish.endpoint()))).getInt("id");
        String tag = "cms:built-in:page:" + unique("manual");
        HttpResponse<String> accepted = call(ada, "POST", "/api/cdn/purges",
                "{\"tags\":[\"" + tag + "\"],\"urls\":[\"/p/manual\"],\"targetId\":" + target + "}");
        JsonObject queued = json(accepted).getJsonArray("items").getJsonObject(0);
        JsonObject done = await("the manual purge done", "/api/cdn/purges/" + queued.getInt("id"), "done");
        HttpResponse<String> retryDone = call(ada, "POST", "/api/cdn/purges/" + queued.getInt("id") + "/retry", null);
        HttpResponse<String> doneList = call(ada, "GET", "/api/cdn/purges?state=done&max=200", null);

        varnish.failNext(1000);
        String failing = "cms:built-in:page:" + unique("failing");
        int failingId = json(call(ada, "POST", "/api/cdn/purges",
                "{\"tags\":[\"" + failing + "\"],\"targetId\":" + target + "}")).getJsonArray("items")
                .getJsonObject(0).getInt("id");
        JsonObject failed = await("a failed attempt", "/api/cdn/purges/" + failingId, "failed");
        int requestsBefore = varnish.received().size();
        varnish.failNext(0);
        HttpResponse<String> retried = call(ada, "POST", "/api/cdn/purges/" + failingId + "/retry", null);
        JsonObject recovered = await("the retried purge done", "/api/cdn/purges/" + failingId, "done");

        assertAll(
                () -> assertEquals(202, accepted.statusCode(), accepted.body()),
                () -> assertEquals("ada", queued.getString("requestedBy")),
                () -> assertEquals(List.of(root() + "/p/manual"),
                        queued.getJsonArray("urls").getValuesAs(JsonString::getString), "a path is on Portico's URL"),
                () -> assertEquals(2, done.getInt("batchesTotal"), "the tag, then the URL (Varnish: one URL a request)"),
                () -> assertEquals(2, done.getInt("batchesDone")),
                () -> assertTrue(varnish.purgedTags().contains(tag)),
                () -> assertTrue(varnish.received().stream().anyMatch(r -> r.target().equals("/p/manual")),
                        varnish.received().toString()),
                () -> assertProblem(409, retryDone),
                () -> assertTrue(doneList.body().contains(tag)),
                () -> assertTrue(failed.getString("lastError").contains("503"), failed.toString()),
                () -> assertFalse(failed.isNull("nextAttemptAt")),
                () -> assertEquals(200, retried.statusCode(), retried.body()),
                () -> assertTrue(varnish.received().size() > requestsBefore),
                () -> assertTrue(recovered.isNull("lastError")),
                () -> assertTrue(recovered.getInt("attempts") >= 2));
    }
}
