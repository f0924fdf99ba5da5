package org.portico.web.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Varnish 7 with Portico's VCL ({@code src/cdn/varnish/portico.vcl}, xkey from varnish-modules) in front of the IT
 * server on 127.0.0.1, started by this test through {@code src/cdn-dev/varnish.sh}: what guests see is cached and
 * purged by tag, what a logged-in user sees never comes from it, and each language has its own copy. Without
 * {@code varnishd} the test is skipped, under CI it fails.
 *
 * <p>The first stories send the purges themselves, as Portico's Varnish adapter does ({@code PURGE /} with
 * {@code xkey-purge}); {@link #aPublishPurgesVarnishThroughTheQueueAlsoWhenVarnishWasDown} configures Varnish as a
 * purge target and lets a publish do it through the durable purge queue, also while Varnish is stopped.
 */
class VarnishIT extends ApiTestBase {

    private static final Path SCRIPT = Path.of("..", "src", "cdn-dev", "varnish.sh");
    private static final Path VTC = Path.of("..", "src", "cdn", "varnish", "portico.vtc");
    private static final Path DIR = Path.of("target", "varnish-it").toAbsolutePath();

    /** Varnish's address, {@code http://127.0.0.1:PORT}; null when it could not be started. */
    private static String varnish;
    private static String varnishMissing;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private final HttpClient guest = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private HttpClient eddie;

    @BeforeAll
    static void startVarnish() throws Exception {
        if (!onPath("varnishd")) {
            varnishMissing = "varnishd not found: install Debian's varnish and varnish-modules";
            return;
        }
        URI backend = URI.create(System.getProperty("portico.it.base-url", "http://127.0.0.1:8080/"));
        Process start = new ProcessBuilder(SCRIPT.toString(), "start", "--dir", DIR.toString(), "--port", "auto",
                "--backend", backend.getHost() + ":" + backend.getPort(), "--purger", "127.0.0.1")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String env = new String(start.getInputStream().readAllBytes(), UTF_8);
        assertTrue(start.waitFor(60, TimeUnit.SECONDS), "varnish.sh start finished");
        assertEquals(0, start.exitValue(), "varnish.sh start: " + env);
        Map<String, String> vars = env.lines().filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1)));
        varnish = vars.get("PORTICO_IT_VARNISH_URL");
    }

    @AfterAll
    static void stopVarnish() throws Exception {
        if (Files.exists(DIR)) {
            Process stop = new ProcessBuilder(SCRIPT.toString(), "stop", "--dir", DIR.toString(), "--clean")
                    .inheritIO().start();
            assertTrue(stop.waitFor(60, TimeUnit.SECONDS), "varnish.sh stop finished");
        }
    }

    private static boolean onPath(String command) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)))
                || Files.isExecutable(Path.of("/usr/sbin", command));
    }

    @BeforeEach
    void varnishAndEddie() throws Exception {
        if (varnishMissing != null) {
            ItSupport.missing(varnishMissing);
        }
        eddie = FormLogin.loggedIn(root(), "eddie", "portico-demo");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** The deployment's path on Varnish: {@code http://127.0.0.1:VARNISH/<context>/p/…}. */
    private URI viaVarnish(String path) {
        return URI.create(varnish + URI.create(root()).getPath() + path);
    }

    private HttpResponse<String> page(HttpClient client, String slug, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(viaVarnish("/p/" + slug)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A guest's page from Portico itself, with the tags Varnish takes off. */
    private HttpResponse<String> direct(String slug) throws Exception {
        return guest.send(HttpRequest.newBuilder(URI.create(root() + "/p/" + slug)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    /** A CMS page in English and German that guests may read, published. */
    private void publishPage(String slug, String english, String german) throws Exception {
        for (String[] variant : new String[][] {{"en", english}, {"de", german}}) {
            JsonArrayBuilder readers = Json.createArrayBuilder().add("guest").add("end-user");
            HttpResponse<String> created = call(eddie, "POST", "/api/cms/items", Json.createObjectBuilder()
                    .add("kind", "page").add("key", slug).add("locale", variant[0]).add("title", variant[1])
                    .add("summary", "A summary.").add("body", "<p>" + variant[1] + "</p>").add("roles", readers)
                    .build().toString());
            assertEquals(201, created.statusCode(), created.body());
            publish(slug, variant[0], header(created, "ETag"));
        }
    }

    private void publish(String slug, String language, String etag) throws Exception {
        HttpResponse<String> published = call(eddie, "POST", "/api/cms/pages/" + slug + "/" + language + "/publish",
                null, "If-Match", etag);
        assertEquals(200, published.statusCode(), published.body());
    }

    /** Saves and publishes a new English body. */
    private void change(String slug, String english) throws Exception {
        String path = "/api/cms/pages/" + slug + "/en";
        HttpResponse<String> read = call(eddie, "GET", path, null);
        HttpResponse<String> saved = call(eddie, "PUT", path, Json.createObjectBuilder().add("title", english)
                .add("body", "<p>" + english + "</p>").add("roles", Json.createArrayBuilder().add("guest").add("end-user"))
                .build().toString(), "If-Match", header(read, "ETag"));
        assertEquals(200, saved.statusCode(), saved.body());
        publish(slug, "en", header(saved, "ETag"));
    }

    /** ada makes the Varnish in front of Portico a purge target of Portico's; its id. */
    private int varnishTarget(HttpClient ada) throws Exception {
        HttpResponse<String> target = call(ada, "POST", "/api/cdn/targets", "{\"kind\":\"varnish\",\"name\":\""
                + unique("it-varnish") + "\",\"endpoint\":\"" + varnish + "\",\"options\":{\"timeout\":\"PT2S\"},"
                + "\"enabled\":true}");
        assertEquals(201, target.statusCode(), target.body());
        return json(target).getInt("id");
    }

    /** {@code PURGE /} with the tags in {@code xkey-purge}, as Portico's Varnish purge adapter sends it. */
    private HttpResponse<String> purgeTags(String... tags) throws Exception {
        return guest.send(HttpRequest.newBuilder(URI.create(varnish + "/")).method("PURGE",
                HttpRequest.BodyPublishers.noBody()).header("xkey-purge", String.join(" ", tags)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // ---- the stories ---------------------------------------------------------------------------------------------

    @Test
    void theVclPassesItsOwnVarnishTests() throws Exception {
        Process test = new ProcessBuilder("varnishtest", "-q", VTC.toString()).redirectErrorStream(true).start();
        String output = new String(test.getInputStream().readAllBytes(), UTF_8);
        assertTrue(test.waitFor(120, TimeUnit.SECONDS), "varnishtest finished");
        assertEquals(0, test.exitValue(), output);
    }

    @Test
    void aGuestPageIsCachedAndAPurgeOfItsTagMakesTheNextRequestFresh() throws Exception {
        String slug = unique("edge");
        publishPage(slug, "Opening hours v1", "Öffnungszeiten v1");

        HttpResponse<String> direct = guest.send(HttpRequest.newBuilder(URI.create(root() + "/p/" + slug))
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> first = page(guest, slug, "Accept-Language", "en");
        HttpResponse<String> second = page(guest, slug, "Accept-Language", "en-GB,en;q=0.8");
        assertAll("Portico marks the guest page for shared caches, Varnish keeps it",
                () -> assertEquals(200, direct.statusCode()),
                () -> assertEquals("public, max-age=0, s-maxage=600", header(direct, "Cache-Control")),
                () -> assertEquals(List.of("portico", "page:" + slug, "nav", "cms:built-in:page:" + slug),
                        List.of(header(direct, "Surrogate-Key").split(" "))),
                () -> assertEquals(header(direct, "Surrogate-Key").replace(' ', ','), header(direct, "Cache-Tag")),
                () -> assertTrue(header(direct, "Vary").contains("Accept-Language")),
                () -> assertTrue(direct.headers().allValues("Set-Cookie").isEmpty(), "a guest's page makes no session"),
                () -> assertEquals("MISS", header(first, "X-Cache")),
                () -> assertEquals("HIT", header(second, "X-Cache")),
                () -> assertTrue(second.body().contains("Opening hours v1")),
                () -> assertEquals("", header(second, "Surrogate-Key"), "tags stay between Portico and Varnish"),
                () -> assertEquals("", header(second, "Cache-Tag")));

        change(slug, "Opening hours v2");
        HttpResponse<String> beforePurge = page(guest, slug, "Accept-Language", "en");
        HttpResponse<String> purge = purgeTags("cms:built-in:page:" + slug);
        HttpResponse<String> afterPurge = page(guest, slug, "Accept-Language", "en");
        HttpResponse<String> again = page(guest, slug, "Accept-Language", "en");
        assertAll("a publish, then the purge of the item's tag",
                () -> assertTrue(beforePurge.body().contains("Opening hours v1"), "Varnish keeps it until purged"),
                () -> assertEquals(200, purge.statusCode(), purge.body()),
                () -> assertEquals("MISS", header(afterPurge, "X-Cache")),
                () -> assertTrue(afterPurge.body().contains("Opening hours v2"), "the next request is fresh"),
                () -> assertEquals("HIT", header(again, "X-Cache")));
    }

    @Test
    void theGuestsPortalPageNamesThePageAndTheContentOfItsWidgets() throws Exception {
        // The demo data's /p/welcome: a CMS content widget (the block "welcome") and a list of links.
        HttpResponse<String> direct = guest.send(HttpRequest.newBuilder(URI.create(root() + "/p/welcome")).build(),
                HttpResponse.BodyHandlers.ofString());
        purgeTags("page:welcome");
        HttpResponse<String> first = page(guest, "welcome");
        HttpResponse<String> second = page(guest, "welcome");
        assertAll(
                () -> assertEquals(200, direct.statusCode()),
                () -> assertEquals("portico page:welcome nav cms:built-in:block:welcome route:home",
                        header(direct, "Surrogate-Key"), "its block and the route its links list links to"),
                () -> assertTrue(direct.headers().allValues("Set-Cookie").isEmpty(), "no session"),
                () -> assertFalse(direct.body().contains("jakarta.faces.ViewState"), "no view state"),
                () -> assertEquals("MISS", header(first, "X-Cache")),
                () -> assertEquals("HIT", header(second, "X-Cache")),
                () -> assertEquals(first.body(), second.body()));
    }

    @Test
    void aGuestsPageNamesTheImagesItsContentShowsOrLeavesOut() throws Exception {
        // The demo data's /p/about shows a private chart to logged-in readers only (config.DemoPrivateMedia).
        HttpResponse<String> about = direct("about");
        java.util.regex.Matcher image = java.util.regex.Pattern.compile("\\bmedia:([0-9a-f]{64})\\b")
                .matcher(header(about, "Surrogate-Key"));
        assertAll(
                () -> assertEquals(200, about.statusCode()),
                () -> assertTrue(image.find(), header(about, "Surrogate-Key")),
                () -> assertFalse(about.body().contains(image.group(1)), "the private chart is left out for guests,"
                        + " and the page is tagged with it so that marking it public purges the page"));
    }

    @Test
    void aLoggedInPageIsNeverServedFromVarnishToAnotherBrowser() throws Exception {
        String slug = unique("edge-user");
        publishPage(slug, "Members and guests", "Mitglieder und Gäste");
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo"); // her session cookie goes to Varnish too

        HttpResponse<String> hers = page(alice, slug, "Accept-Language", "en");
        HttpResponse<String> guests = page(guest, slug, "Accept-Language", "en");
        HttpResponse<String> guestsAgain = page(guest, slug, "Accept-Language", "en");
        HttpResponse<String> hersAgain = page(alice, slug, "Accept-Language", "en");
        assertAll(
                () -> assertEquals(200, hers.statusCode()),
                () -> assertTrue(hers.body().contains("userMenu"), "alice sees her user menu"),
                () -> assertEquals("PASS", header(hers, "X-Cache")),
                () -> assertEquals("private, no-store", header(hers, "Cache-Control")),
                () -> assertEquals("", header(hers, "Surrogate-Key"), "never tagged"),
                () -> assertFalse(guests.body().contains("userMenu"), "the guest gets no copy of alice's page"),
                () -> assertEquals("MISS", header(guests, "X-Cache")),
                () -> assertEquals("HIT", header(guestsAgain, "X-Cache")),
                () -> assertTrue(hersAgain.body().contains("userMenu"), "alice gets no copy of the guests' page"),
                () -> assertEquals("PASS", header(hersAgain, "X-Cache")));
    }

    @Test
    void aGermanGuestNeverGetsTheEnglishCopy() throws Exception {
        String slug = unique("edge-lang");
        publishPage(slug, "Opening hours", "Öffnungszeiten");

        HttpResponse<String> english = page(guest, slug, "Accept-Language", "en-US,en;q=0.9");
        HttpResponse<String> german = page(guest, slug, "Accept-Language", "de-CH,de;q=0.9,en;q=0.5");
        HttpResponse<String> chosen = page(guest, slug, "Accept-Language", "en", "Cookie", "PORTICO_LANG=de");
        HttpResponse<String> englishAgain = page(guest, slug);
        assertAll(
                () -> assertTrue(english.body().contains("Opening hours")),
                () -> assertTrue(german.body().contains("Öffnungszeiten"), "German after the English copy was cached"),
                () -> assertEquals("MISS", header(german, "X-Cache")),
                () -> assertTrue(german.body().contains("lang=\"de\"")),
                () -> assertTrue(chosen.body().contains("Öffnungszeiten"), "the language cookie beats the browser"),
                () -> assertEquals("HIT", header(chosen, "X-Cache")),
                () -> assertTrue(englishAgain.body().contains("Opening hours")),
                () -> assertEquals("HIT", header(englishAgain, "X-Cache")));
    }

    @Test
    void aPurgeFromAnAddressOutsideThePurgersIsRefused() throws Exception {
        String slug = unique("edge-acl");
        publishPage(slug, "Kept", "Behalten");
        page(guest, slug, "Accept-Language", "en");

        // 127.0.0.2 is this machine too, but not in the purgers ACL (the launcher was given 127.0.0.1 only).
        String answer;
        URI uri = URI.create(varnish);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("PURGE / HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nxkey-purge: cms:built-in:page:" + slug
                    + " portico\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), UTF_8);
        }
        HttpResponse<String> stillCached = page(guest, slug, "Accept-Language", "en");
        String statusLine = answer.lines().findFirst().orElse("");
        assertAll(
                () -> assertEquals("HTTP/1.1 403 Forbidden", statusLine, answer),
                () -> assertEquals("HIT", header(stillCached, "X-Cache"), "nothing was purged"));
    }

    @Test
    void aPublishPurgesVarnishThroughTheQueueAlsoWhenVarnishWasDown() throws Exception {
        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        String slug = unique("queued");
        publishPage(slug, "Menu v1", "Speisekarte v1");
        int targetId = varnishTarget(ada);
        try {
            page(guest, slug, "Accept-Language", "en");
            HttpResponse<String> cached = page(guest, slug, "Accept-Language", "en");
            assertEquals("HIT", header(cached, "X-Cache"));

            change(slug, "Menu v2");
            JsonObject delivered = awaitPurge(ada, targetId, "cms:built-in:page:" + slug, "done", 30);
            HttpResponse<String> fresh = page(guest, slug, "Accept-Language", "en");
            assertAll("the publish purged the page through the queue",
                    () -> assertEquals(1, delivered.getInt("batchesDone")),
                    () -> assertTrue(fresh.body().contains("Menu v2"), "fresh after the publish"),
                    () -> assertEquals("MISS", header(fresh, "X-Cache")));

            int port = URI.create(varnish).getPort();
            run(SCRIPT.toString(), "stop", "--dir", DIR.toString());
            change(slug, "Menu v3");
            JsonObject waiting = awaitPurge(ada, targetId, "cms:built-in:page:" + slug, "failed", 30);
            run(SCRIPT.toString(), "start", "--dir", DIR.toString(), "--port", String.valueOf(port),
                    "--backend", URI.create(root()).getHost() + ":" + URI.create(root()).getPort(),
                    "--purger", "127.0.0.1");
            JsonObject done = awaitPurge(ada, targetId, "cms:built-in:page:" + slug, "done", 90);
            assertAll("Varnish stopped during a publish: the purge waited in the queue and went out when it was back",
                    () -> assertFalse(waiting.getString("lastError", "").isBlank(), waiting.toString()),
                    () -> assertTrue(done.getInt("attempts") >= 2, done.toString()),
                    () -> assertTrue(page(guest, slug, "Accept-Language", "en").body().contains("Menu v3")));
        } finally {
            call(ada, "DELETE", "/api/cdn/targets/" + targetId, null);
        }
    }

    @Test
    void savingAPortalPageAndDisablingItsAppPurgeTheGuestsCopyThroughTheQueue() throws Exception {
        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        String app = unique("edge-app");
        String slug = unique("edge-page");
        JsonObject registration = Json.createObjectBuilder().add("id", app).add("name", "Edge app " + app)
                .add("audience", "https://" + app + ".example").add("baseUrls", Json.createArrayBuilder()
                        .add("https://" + app + ".example/app/")).add("claims", Json.createArrayBuilder().add("name"))
                .add("tokenLifetimeSeconds", 120).add("clientAuthentication", "client_secret").build();
        createApp(ada, registration.toString());
        JsonObject page = Json.createObjectBuilder().add("slug", slug).add("title", "Edge page v1")
                .add("roles", Json.createArrayBuilder().add("guest").add("end-user")).add("inNavigation", false)
                .add("navOrder", 90).add("widgets", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("id", slug + "-tile").add("kind", "app-tile").add("title", "").add("width", 4)
                        .add("roles", Json.createArrayBuilder()).add("optional", false)
                        .add("settings", Json.createObjectBuilder().add("app", app).add("text", "Tile of " + app)
                                .add("url", "https://" + app + ".example/app/")))).build();
        HttpResponse<String> saved = call(ada, "POST", "/api/admin/pages", page.toString());
        assertEquals(201, saved.statusCode(), saved.body());
        int targetId = varnishTarget(ada);
        try {
            String tags = header(direct(slug), "Surrogate-Key"); // Varnish keeps its tags to itself
            HttpResponse<String> first = page(guest, slug);
            HttpResponse<String> cached = page(guest, slug);
            assertAll("a guest's copy of the page names the page and the app its tile shows",
                    () -> assertEquals(200, first.statusCode()),
                    () -> assertTrue(List.of(tags.split(" ")).containsAll(List.of("page:" + slug, "app:" + app)), tags),
                    () -> assertTrue(first.body().contains("Tile of " + app)),
                    () -> assertEquals("HIT", header(cached, "X-Cache")));

            HttpResponse<String> read = call(ada, "GET", "/api/admin/pages/" + slug, null);
            HttpResponse<String> renamed = call(ada, "PUT", "/api/admin/pages/" + slug, Json.createObjectBuilder(page)
                    .add("title", "Edge page v2").build().toString(), "If-Match", header(read, "ETag"));
            assertEquals(200, renamed.statusCode(), renamed.body());
            awaitPurge(ada, targetId, "page:" + slug, "done", 30);
            HttpResponse<String> afterSave = page(guest, slug);
            assertAll("the save purged the page",
                    () -> assertEquals("MISS", header(afterSave, "X-Cache")),
                    () -> assertTrue(afterSave.body().contains("Edge page v2")));
            assertEquals("HIT", header(page(guest, slug), "X-Cache"));

            long version = json(call(ada, "GET", "/api/admin/apps/" + app, null)).getJsonNumber("version").longValue();
            HttpResponse<String> disabled = call(ada, "PUT", "/api/admin/apps/" + app, Json.createObjectBuilder(
                    registration).add("enabled", false).add("version", version).build().toString());
            assertEquals(200, disabled.statusCode(), disabled.body());
            awaitPurge(ada, targetId, "app:" + app, "done", 30);
            HttpResponse<String> afterDisable = page(guest, slug);
            assertAll("disabling the app purged the page that showed its tile",
                    () -> assertEquals("MISS", header(afterDisable, "X-Cache")),
                    () -> assertFalse(afterDisable.body().contains("Tile of " + app), "the tile is gone"),
                    () -> assertTrue(header(direct(slug), "Surrogate-Key").contains("app:" + app),
                            "still tagged: enabling the app again purges it too"));
        } finally {
            call(ada, "DELETE", "/api/cdn/targets/" + targetId, null);
            call(ada, "DELETE", "/api/admin/pages/" + slug, null);
            call(ada, "DELETE", "/api/admin/apps/" + app, null);
        }
    }

    /** The newest purge of the target naming {@code tag}, once it is in {@code state}; fails after the wait. */
    private JsonObject awaitPurge(HttpClient admin, int targetId, String tag, String state, int seconds)
            throws Exception {
        java.time.Instant until = java.time.Instant.now().plusSeconds(seconds);
        JsonObject last = null;
        List<JsonObject> seen = List.of();
        while (java.time.Instant.now().isBefore(until)) {
            seen = json(call(admin, "GET", "/api/cdn/purges?max=200", null)).getJsonArray("items")
                    .getValuesAs(JsonObject.class);
            for (JsonObject purge : seen) {
                boolean ours = purge.getInt("targetId") == targetId && purge.getJsonArray("tags").getValuesAs(
                        jakarta.json.JsonString.class).stream().anyMatch(t -> t.getString().equals(tag));
                if (ours && (last == null || purge.getInt("id") >= last.getInt("id"))) {
                    last = purge;
                }
            }
            if (last != null && last.getString("state").equals(state)) {
                return last;
            }
            last = null;
            Thread.sleep(200);
        }
        // What the queue held at the end, newest first, so that a failure says whether the purge was queued at all.
        throw new AssertionError("waited " + seconds + " s for a purge of " + tag + " in state " + state
                + " for target " + targetId + "; the queue's newest rows: " + seen.stream().limit(10).toList());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }
}
