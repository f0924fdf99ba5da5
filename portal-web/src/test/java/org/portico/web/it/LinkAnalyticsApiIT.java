package org.portico.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.json;
import static org.portico.web.it.ItSupport.unique;

/**
 * The link analytics' REST API on the wire: JSON counts per day and outcome, the CSV of the events, problem+json for
 * bad parameters and for callers who may not see them. Resolutions come from {@link LinkEventsServlet}, which fires
 * them the way link following does, at chosen instants.
 */
class LinkAnalyticsApiIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico().addClass(LinkEventsServlet.class);
    }

    private HttpClient ada;

    @BeforeEach
    void loginAda() throws Exception {
        ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
    }

    /** Fires resolutions through CDI in the server, as link following does, and waits until they are stored. */
    static void fire(String root, String route, String outcome, String at, int count, String app, String user)
            throws IOException, InterruptedException {
        String form = "route=" + URLEncoder.encode(route, StandardCharsets.UTF_8) + "&outcome=" + outcome + "&at=" + at
                + "&count=" + count + (app == null ? "" : "&app=" + app) + (user == null ? "" : "&user=" + user);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root + "/it/link-events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void countsPerDayAndOutcomeAsJsonWithEveryDayOfTheRange() throws Exception {
        String route = unique("api");
        fire(root(), route, "ok", "2024-06-01T10:00:00Z", 5, "demo-app", "ada");
        fire(root(), route, "expired", "2024-06-01T23:59:59Z", 2, null, null);
        fire(root(), route, "bad_signature", "2024-06-03T00:00:00Z", 1, null, null);

        HttpResponse<String> response = get(ada, "/api/admin/link-analytics?route=" + route + "&from=2024-06-01&to=2024-06-03");
        JsonObject body = json(response);

        assertAll(
                () -> assertEquals(200, response.statusCode(), response.body()),
                () -> assertTrue(type(response).startsWith("application/json")),
                () -> assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse("")),
                () -> assertEquals(route, body.getString("route")),
                () -> assertEquals(8, body.getInt("total")),
                () -> assertEquals(5, body.getJsonObject("totals").getInt("ok")),
                () -> assertEquals(List.of("ok", "expired", "bad_signature", "replayed", "denied", "unknown_route",
                        "invalid_parameter"), body.getJsonArray("outcomes").getValuesAs(jakarta.json.JsonString::getString)),
                () -> assertEquals(3, body.getJsonArray("days").size()),
                () -> assertEquals("2024-06-01", body.getJsonArray("days").getJsonObject(0).getString("day")),
                () -> assertEquals(7, body.getJsonArray("days").getJsonObject(0).getInt("total")),
                () -> assertEquals(2, body.getJsonArray("days").getJsonObject(0).getJsonObject("counts").getInt("expired")),
                () -> assertEquals(0, body.getJsonArray("days").getJsonObject(1).getInt("total"), "an empty day is there"),
                () -> assertEquals(1, body.getJsonArray("days").getJsonObject(2).getJsonObject("counts").getInt("bad_signature")),
                () -> assertEquals(route, body.getJsonArray("routes").getJsonObject(0).getString("route")));
    }

    @Test
    void theCsvListsTheEventsOfTheRangeOldestFirstWithFormulasNeutralised() throws Exception {
        String route = unique("csv");
        String formula = "=" + unique("cmd");
        fire(root(), route, "denied", "2024-07-02T08:00:00Z", 1, null, "alice");
        fire(root(), route, "ok", "2024-07-01T07:00:00Z", 2, "demo-app", "ada");
        fire(root(), route, "ok", "2024-07-04T00:00:00Z", 1, null, null);
        fire(root(), formula, "denied", "2024-07-01T09:00:00Z", 1, null, null);

        HttpResponse<String> csv = get(ada, "/api/admin/link-analytics.csv?route=" + route + "&from=2024-07-01&to=2024-07-03");
        HttpResponse<String> typed = get(ada, "/api/admin/link-analytics.csv?route="
                + URLEncoder.encode(formula, StandardCharsets.UTF_8) + "&from=2024-07-01&to=2024-07-01");

        assertAll(
                () -> assertEquals(200, csv.statusCode(), csv.body()),
                () -> assertEquals("text/csv;charset=UTF-8", type(csv).replace(" ", "")),
                () -> assertEquals("attachment; filename=\"portico-links-20240701-20240703.csv\"",
                        csv.headers().firstValue("Content-Disposition").orElse("")),
                () -> assertEquals("resolved_at,route,outcome,app_id,username\r\n"
                        + "2024-07-01T07:00:00Z," + route + ",ok,demo-app,ada\r\n"
                        + "2024-07-01T07:00:00Z," + route + ",ok,demo-app,ada\r\n"
                        + "2024-07-02T08:00:00Z," + route + ",denied,,alice\r\n", csv.body()),
                () -> assertEquals("resolved_at,route,outcome,app_id,username\r\n"
                        // neutralised and quoted (CsvField), so no locale splits or runs it
                        + "2024-07-01T09:00:00Z,\"'" + formula + "\",denied,,\r\n", typed.body()));
    }

    /** A filter the analytics can't answer is explained in the request's language. */
    @Test
    void aGermanRequestIsToldInGermanWhatToChange() throws Exception {
        HttpResponse<String> backwards = ada.send(HttpRequest.newBuilder(
                        URI.create(root() + "/api/admin/link-analytics?from=2024-03-10&to=2024-03-01"))
                .header("Accept-Language", "de").build(), HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertEquals(400, backwards.statusCode()),
                () -> assertEquals(PROBLEM, type(backwards)),
                () -> assertEquals("Der erste Tag (2024-03-10) liegt nach dem letzten Tag (2024-03-01); wählen Sie einen"
                        + " ersten Tag am oder vor dem letzten.", json(backwards).getString("detail")));
    }

    @Test
    void badParametersAre400ProblemsThatSayWhatToSend() throws Exception {
        HttpResponse<String> badDay = get(ada, "/api/admin/link-analytics?from=2024-13-01");
        HttpResponse<String> backwards = get(ada, "/api/admin/link-analytics?from=2024-03-10&to=2024-03-01");
        HttpResponse<String> tooLong = get(ada, "/api/admin/link-analytics.csv?from=2020-01-01&to=2024-01-01");
        HttpResponse<String> longRoute = get(ada, "/api/admin/link-analytics?route=" + "r".repeat(65));
        HttpResponse<String> farFuture = get(ada, "/api/admin/link-analytics?from=%2B999999999-12-31");
        HttpResponse<String> farPast = get(ada, "/api/admin/link-analytics.csv?to=-999999999-01-01");
        HttpResponse<String> auditFarFuture = get(ada, "/api/admin/audit.csv?to=%2B999999999-12-31");

        assertAll(
                () -> assertEquals(400, badDay.statusCode()),
                () -> assertEquals(PROBLEM, type(badDay)),
                () -> assertEquals("'from' must be a date like 2025-01-31.", json(badDay).getString("detail")),
                () -> assertEquals(400, backwards.statusCode()),
                () -> assertEquals("The first day (2024-03-10) is after the last day (2024-03-01); choose a first day"
                        + " on or before the last.", json(backwards).getString("detail")),
                () -> assertEquals(400, tooLong.statusCode()),
                () -> assertEquals(PROBLEM, type(tooLong)),
                () -> assertTrue(json(tooLong).getString("detail").startsWith("The range covers 1462 days; choose at most 366"),
                        tooLong.body()),
                () -> assertEquals(400, farFuture.statusCode(), farFuture.body()),
                () -> assertEquals("'from' must be a date between 1970-01-01 and 9999-12-31.",
                        json(farFuture).getString("detail")),
                () -> assertEquals(400, farPast.statusCode(), farPast.body()),
                () -> assertEquals(400, auditFarFuture.statusCode(), auditFarFuture.body()),
                () -> assertEquals(400, longRoute.statusCode()),
                () -> assertEquals("A route name has at most 64 characters; got 65.", json(longRoute).getString("detail")));
    }

    @Test
    void guestsGet401AndUsersWithoutTheRole403() throws Exception {
        HttpClient guest = FormLogin.newClient();
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");

        HttpResponse<String> guestJson = get(guest, "/api/admin/link-analytics");
        HttpResponse<String> guestCsv = get(guest, "/api/admin/link-analytics.csv");
        HttpResponse<String> aliceJson = get(alice, "/api/admin/link-analytics");
        HttpResponse<String> aliceCsv = get(alice, "/api/admin/link-analytics.csv");

        assertAll(
                () -> assertEquals(401, guestJson.statusCode()),
                () -> assertEquals(PROBLEM, type(guestJson)),
                () -> assertEquals(401, guestCsv.statusCode()),
                () -> assertEquals(403, aliceJson.statusCode()),
                () -> assertEquals(PROBLEM, type(aliceJson)),
                () -> assertEquals(403, aliceCsv.statusCode()));
    }
}
