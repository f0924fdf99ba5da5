package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real WordPress (Debian's, started by {@code .ci/run} or {@code src/cms-dev/wordpress.sh}: see
 * {@code src/docs/cms-sources.md}) as a source of Portico's pages: an admin connects it, "test connection" reaches it,
 * a portal page bound to a WordPress page shows it to alice, an edit in WordPress reaches alice within a second through
 * the plugin's signed webhook, and with WordPress stopped Portico still serves the page. Skipped outside CI when no
 * WordPress is running; under CI it must run.
 */
class CmsWordPressIT extends ApiTestBase {

    private static final String WP = System.getenv("PORTICO_IT_WORDPRESS_URL");
    private static final String WP_USER = System.getenv("PORTICO_IT_WORDPRESS_USER");
    private static final String WP_APP_PASSWORD = System.getenv("PORTICO_IT_WORDPRESS_APP_PASSWORD");
    private static final String WP_DIR = System.getenv("PORTICO_IT_WORDPRESS_DIR");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    @BeforeAll
    static void wordPressIsThere() {
        boolean there = WP != null && WP_USER != null && WP_APP_PASSWORD != null;
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(there, "CI must start WordPress (.ci/run exports PORTICO_IT_WORDPRESS_*)");
        }
        assumeTrue(there, "no WordPress running: start one with src/cms-dev/wordpress.sh (see src/docs/cms-sources.md)");
    }

    @AfterAll
    static void forgetTheWebhook() throws Exception {
        if (WP != null) {
            wordpress("DELETE", "/wp-json/portico/v1/webhook", null);
        }
    }

    private static HttpResponse<String> wordpress(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(WP + path)).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (WP_USER + ":" + WP_APP_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }


    private static void wordpressScript(String command) throws Exception {
        Process process = new ProcessBuilder(Path.of("..", "src", "cms-dev", "wordpress.sh").toString(), command,
                "--dir", WP_DIR).inheritIO().start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "wordpress.sh " + command + " finished");
        assertEquals(0, process.exitValue(), "wordpress.sh " + command);
    }

    @Test
    void aWordPressPageIsShownKeptUpToDateByItsWebhookAndServedWhileWordPressIsDown() throws Exception {
        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        String id = unique("wp");
        HttpResponse<String> created = call(ada, "POST", "/api/admin/cms/sources", Json.createObjectBuilder()
                .add("id", id).add("type", "wordpress").add("name", "The team's WordPress").add("baseUrl", WP + "/")
                .add("options", Json.createObjectBuilder().add("user", WP_USER)).add("credential", WP_APP_PASSWORD)
                .add("timeoutMillis", 2000).add("freshForSeconds", 5).add("enabled", true).add("allowInternalHost", true)
                .build().toString());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject source = json(created);
        HttpResponse<String> check = call(ada, "POST", "/api/admin/cms/sources/" + id + "/test", null);
        HttpResponse<String> hook = wordpress("POST", "/wp-json/portico/v1/webhook", Json.createObjectBuilder()
                .add("url", source.getString("webhookUrl")).add("secret", source.getString("webhookSecret")).build().toString());
        assertEquals(200, hook.statusCode(), hook.body());

        // A WordPress page of our own, and a portal page bound to it.
        String wpSlug = unique("wp-hours");
        HttpResponse<String> wpPage = wordpress("POST", "/wp-json/wp/v2/pages", Json.createObjectBuilder()
                .add("title", "Opening hours & more").add("slug", wpSlug).add("status", "publish")
                .add("content", "<p>Open Mondays.</p><script>alert(1)</script>").build().toString());
        assertEquals(201, wpPage.statusCode(), wpPage.body());
        long wpId = json(wpPage).getJsonNumber("id").longValue();
        String slug = unique("bound");
        HttpResponse<String> page = call(ada, "POST", "/api/admin/pages", Json.createObjectBuilder()
                .add("slug", slug).add("title", "From WordPress").add("roles", Json.createArrayBuilder().add("end-user"))
                .add("inNavigation", false).add("navOrder", 50)
                .add("widgets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", slug + "-wp")
                        .add("kind", "cms-block").add("title", "").add("width", 12).add("roles", Json.createArrayBuilder())
                        .add("optional", false).add("settings", Json.createObjectBuilder().add("source", id)
                                .add("page", wpSlug)))).build().toString());
        assertEquals(201, page.statusCode(), page.body());
        String first = call(alice, "GET", "/p/" + slug, null).body();

        // An edit in WordPress: its plugin signs a webhook to Portico, which forgets exactly that page.
        HttpResponse<String> edited = wordpress("POST", "/wp-json/wp/v2/pages/" + wpId, Json.createObjectBuilder()
                .add("content", "<p>Open Mondays and Tuesdays.</p>").build().toString());
        assertEquals(200, edited.statusCode(), edited.body());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(1));
        String afterEdit = call(alice, "GET", "/p/" + slug, null).body();
        while (!afterEdit.contains("Tuesdays") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            afterEdit = call(alice, "GET", "/p/" + slug, null).body();
        }

        // WordPress down, and what Portico fetched older than its freshness: the last good page, without an error.
        wordpressScript("stop");
        try {
            Thread.sleep(6_000);
            int errors = 0;
            String whileDown = "";
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> shown = call(alice, "GET", "/p/" + slug, null);
                errors += shown.statusCode() == 200 ? 0 : 1;
                whileDown = shown.body();
            }
            String toEddie = call(FormLogin.loggedIn(root(), "eddie", "portico-demo"), "GET", "/p/" + slug, null).body();
            int errorsWhileDown = errors;
            String lastWhileDown = whileDown;
            String firstShown = first;
            String afterEditShown = afterEdit;
            assertAll(
                    () -> assertTrue(json(check).getBoolean("reached"), check.body()),
                    () -> assertTrue(json(check).getString("summary").contains("WordPress"), check.body()),
                    () -> assertTrue(firstShown.contains("Open Mondays."), firstShown),
                    () -> assertTrue(!firstShown.contains("alert(1)"), "sanitised"),
                    () -> assertTrue(afterEditShown.contains("Open Mondays and Tuesdays."), "within a second: " + afterEditShown),
                    () -> assertEquals(0, errorsWhileDown, "no error while WordPress is down"),
                    () -> assertTrue(lastWhileDown.contains("Open Mondays and Tuesdays."), lastWhileDown),
                    () -> assertFalse(lastWhileDown.contains("portico-cms-stale"), "readers are not told"),
                    () -> assertTrue(toEddie.contains("portico-cms-stale") && toEddie.contains("Shown from the cache"),
                            "the editor is told: " + toEddie),
                    () -> assertTrue(toEddie.contains("Open Mondays and Tuesdays."), toEddie));
        } finally {
            wordpressScript("start");
        }
    }
}
