package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's view: what users and apps do shows up in the Prometheus text that WildFly's micrometer subsystem
 * serves on the management interface ({@code /metrics}), with the outcome in the tags, beside the JVM's own series.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private String scrape() throws Exception {
        String management = System.getProperty("portico.it.management-url", "http://127.0.0.1:10090");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(management + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), metrics.body());
        return metrics.body();
    }

    /** The value of the series {@code name} whose labels include {@code labels} (e.g. {@code outcome="ok"}); 0 if absent. */
    private static double value(String text, String name, String... labels) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
        while (line.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= line.group(1).contains(label);
            }
            if (all) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }

    /** The purge queue is counted every 10 s off the scrape: on a fresh database the gauges go from -1 to 0. */
    @Test
    void thePurgeQueueIsCountedByState() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String text = scrape();
        while (value(text, "portico_cdn_purges", "state=\"failed\"") != 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            text = scrape();
        }
        String last = text;
        assertAll(
                () -> assertTrue(has(last, "portico_cdn_purges", "state=\"failed\""), "the failed purges' gauge"),
                () -> assertEquals(0, value(last, "portico_cdn_purges", "state=\"failed\"")),
                () -> assertTrue(value(last, "portico_cdn_purges", "state=\"pending\"") >= 0),
                () -> assertTrue(has(last, "portico_cdn_purges", "state=\"in_flight\""), "in flight"));
    }

    private static boolean has(String text, String name, String label) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label) + "[^}]*\\} \\S+$")
                .matcher(text).find();
    }

    @Test
    void hopsLoginsAndTokenExchangesAreCountedByOutcome() throws Exception {
        ExchangeApps apps = registerExchangeApps("metrics", "name");
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        HttpResponse<String> subject = send(alice, "GET", "/api/token?audience="
                + URLEncoder.encode(apps.callerAudience(), StandardCharsets.UTF_8), null);
        assertEquals(200, subject.statusCode(), subject.body());
        String subjectToken = json(subject).getString("access_token");
        String before = scrape();

        HttpResponse<String> hop = get(alice, "/link/invoice/42");
        HttpResponse<String> unknown = get(alice, "/link/no-such-route-for-metrics");
        FormLogin.submit(FormLogin.newClient(), root(), "alice", "wrong", "/home.xhtml");
        FormLogin.loggedIn(root(), "eddie", "portico-demo");
        HttpResponse<String> granted = exchangeToken(apps.caller(), apps.callerSecret(), subjectToken,
                apps.targetAudience());
        HttpResponse<String> refused = exchangeToken(apps.caller(), apps.callerSecret(), "not-a-token",
                apps.targetAudience());
        String after = scrape();

        assertAll(
                () -> assertEquals(303, hop.statusCode(), hop.body()),
                () -> assertEquals(200, granted.statusCode(), granted.body()),
                () -> assertEquals(400, refused.statusCode(), refused.body()),
                () -> assertEquals(1, value(after, "portico_link_hops_total", "outcome=\"ok\"")
                        - value(before, "portico_link_hops_total", "outcome=\"ok\"")),
                () -> assertEquals(1, value(after, "portico_link_hops_total", "outcome=\"unknown_route\"")
                        - value(before, "portico_link_hops_total", "outcome=\"unknown_route\""), unknown.body()),
                () -> assertEquals(1, value(after, "portico_logins_total", "method=\"password\"", "outcome=\"wrong_password\"")
                        - value(before, "portico_logins_total", "method=\"password\"", "outcome=\"wrong_password\"")),
                () -> assertEquals(1, value(after, "portico_logins_total", "method=\"password\"", "outcome=\"success\"")
                        - value(before, "portico_logins_total", "method=\"password\"", "outcome=\"success\"")),
                () -> assertEquals(1, value(after, "portico_token_exchanges_total", "outcome=\"granted\"")
                        - value(before, "portico_token_exchanges_total", "outcome=\"granted\"")),
                () -> assertEquals(1, value(after, "portico_token_exchanges_total", "outcome=\"invalid_grant\"")
                        - value(before, "portico_token_exchanges_total", "outcome=\"invalid_grant\"")));
    }

    /** The caches a hop uses, and the CMS cache built at start-up (tiles and media appear with their first use). */
    @Test
    void cachesAndTheJvmAreThere() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        get(alice, "/link/invoice/7");
        get(alice, "/link/invoice/8"); // the route is cached by now: a hit
        String text = scrape();

        assertAll(
                () -> assertTrue(value(text, "portico_cache_requests_total", "cache=\"routes\"", "result=\"hit\"") >= 1,
                        "route cache hits"),
                () -> assertTrue(has(text, "portico_cache_requests_total", "cache=\"apps\""), "apps cache"),
                () -> assertTrue(has(text, "portico_cache_requests_total", "cache=\"cms\""), "CMS content cache"),
                () -> assertTrue(has(text, "jvm_memory_used_bytes", "area=\"heap\""), "the JVM's heap"));
    }
}
