package org.portico.web.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

/**
 * Issue 8, "unbounded growth": a stranger who follows {@code /link/<random name>} again and again must not add a row
 * per name anywhere. Every link to a route that does not exist is counted under the one route {@code (unknown)}; the
 * typed names go to a capped table; the analytics filter lists routes, not names typed.
 */
class UnknownRoutesIT extends ApiTestBase {

    private static final String BUCKET = "(unknown)";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico().addClasses(LinkEventsServlet.class, TableRowsServlet.class);
    }

    private final HttpClient guest = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private long rows(String query, String value) throws Exception {
        HttpResponse<String> response = guest.send(HttpRequest.newBuilder(URI.create(root() + "/it/rows?query=" + query
                + "&value=" + URLEncoder.encode(value, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Long.parseLong(response.body().strip());
    }

    /** Stores what the link analytics have queued (no events fired). */
    private void flushAnalytics() throws Exception {
        HttpResponse<String> response = guest.send(HttpRequest.newBuilder(URI.create(root() + "/it/link-events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("route=x&outcome=ok&at=2020-01-01T00:00:00Z&count=0")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void manyRandomLinkNamesAddNoRowPerNameAndTheFilterListsOnlyRoutes() throws Exception {
        String tag = unique("nosuch");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            names.add(tag + "-" + i);
        }
        String long100 = tag + "-" + "x".repeat(100);
        names.add(long100);
        long bucketRowsBefore = rows("daily-route", BUCKET);

        for (String name : names) {
            assertEquals(404, get(guest, "/link/" + name).statusCode(), name);
        }
        assertEquals(404, get(guest, "/link/" + names.get(0)).statusCode(), "the same name again");
        flushAnalytics();

        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        HttpResponse<String> stats = get(ada, "/api/admin/link-analytics?from=" + today + "&to=" + today);
        JsonObject body = json(stats);
        List<String> listed = body.getJsonArray("routes").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("route")).toList();
        String page = get(ada, "/admin/link-analytics.xhtml").body();
        long dailyRowsOfNames = 0;
        long eventRowsOfNames = 0;
        for (String name : names) {
            dailyRowsOfNames += rows("daily-route", name);
            eventRowsOfNames += rows("event-route", name);
        }
        long dailyRows = dailyRowsOfNames;
        long eventRows = eventRowsOfNames;
        String cut = long100.substring(0, 64);
        assertAll(
                () -> assertEquals(0, dailyRows, "no daily row per typed name"),
                () -> assertEquals(0, eventRows, "no event stored under a typed name"),
                () -> assertTrue(rows("daily-route", BUCKET) <= bucketRowsBefore + 1,
                        "at most one new bucket row (per day and outcome): " + rows("daily-route", BUCKET)),
                () -> assertTrue(rows("daily-route", BUCKET) >= 1),
                () -> assertEquals(2, rows("unknown-name", names.get(0)), "the typed name is counted"),
                () -> assertEquals(1, rows("unknown-name", cut), "a long name is cut to 64 characters"),
                () -> assertTrue(rows("unknown-names", "any") <= 1000, "the names table is capped"),
                () -> assertEquals(200, stats.statusCode(), stats.body()),
                () -> assertTrue(listed.contains(BUCKET), listed.toString()),
                () -> assertTrue(listed.stream().noneMatch(r -> r.startsWith(tag)), listed.toString()),
                () -> assertTrue(body.getJsonObject("totals").getInt("unknown_route") >= names.size() + 1,
                        body.getJsonObject("totals").toString()),
                () -> assertTrue(page.contains("value=\"" + BUCKET + "\""), "the filter offers the bucket"),
                () -> assertFalse(page.contains(tag), "the filter offers no typed name"));
    }
}
