package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.portico.web.link.analytics.LinkAnalyticsQuery;
import org.portico.web.link.analytics.LinkEventCsv;
import org.portico.web.link.analytics.LinkEventStore;
import org.portico.web.link.analytics.LinkStatistics;
import org.portico.web.user.Role;

/**
 * Link analytics for scripts, site admins only (401/403 as problem+json). Every parameter is optional: {@code route}
 * (one route, else all), {@code from} and {@code to} (UTC days like 2025-01-31, inclusive; default the last 30 days
 * up to today, at most 366 days). A bad parameter is a 400 problem that says what to send instead.
 * <ul>
 * <li>{@code GET /api/admin/link-analytics}: resolutions per day and outcome (every day of the range, zeros
 * included), per route and outcome, and the totals, as JSON.</li>
 * <li>{@code GET /api/admin/link-analytics.csv}: the events themselves, oldest first, streamed in batches.</li>
 * </ul>
 */
@Path("admin")
@RequestScoped
@RolesAllowed(Role.Names.SITE_ADMIN)
public class LinkAnalyticsResource {

    static final int BATCH = 500;

    @Inject
    LinkEventStore store;

    @Inject
    Clock clock;

    @Context
    HttpHeaders headers;

    @GET
    @Path("link-analytics")
    @Produces(MediaType.APPLICATION_JSON)
    public Response counts(@QueryParam("route") String route, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        LinkStatistics statistics = store.statistics(query(route, from, to));
        return Response.ok(json(statistics).toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("link-analytics.csv")
    @Produces(CsvDownload.TEXT_CSV)
    public Response events(@QueryParam("route") String route, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        LinkAnalyticsQuery query = query(route, from, to);
        String filename = "portico-links-" + DateTimeFormatter.BASIC_ISO_DATE.format(query.from()) + "-"
                + DateTimeFormatter.BASIC_ISO_DATE.format(query.to()) + ".csv";
        return CsvDownload.stream(filename, LinkEventCsv::writeHeader, sink -> store.forEach(query, BATCH, sink),
                LinkEventCsv::writeRow);
    }

    private LinkAnalyticsQuery query(String route, String from, String to) {
        try {
            return LinkAnalyticsQuery.of(route, CsvDownload.day("from", from), CsvDownload.day("to", to),
                    LocalDate.now(clock));
        } catch (LinkAnalyticsQuery.InvalidQueryException e) {
            throw new ApiProblemException(400, e.message(ProblemMappers.Rejected.language(headers.getAcceptableLanguages())));
        }
    }

    static JsonObject json(LinkStatistics statistics) {
        LinkAnalyticsQuery query = statistics.query();
        JsonObjectBuilder body = JSON.createObjectBuilder();
        if (query.route() == null) {
            body.addNull("route");
        } else {
            body.add("route", query.route());
        }
        JsonArrayBuilder outcomes = JSON.createArrayBuilder();
        statistics.outcomes().forEach(outcomes::add);
        JsonObjectBuilder totals = JSON.createObjectBuilder();
        statistics.outcomes().forEach(outcome -> totals.add(outcome, statistics.total(outcome)));
        JsonArrayBuilder days = JSON.createArrayBuilder();
        statistics.days().forEach(day -> {
            JsonObjectBuilder counts = JSON.createObjectBuilder();
            statistics.outcomes().forEach(outcome -> counts.add(outcome, statistics.count(day, outcome)));
            days.add(JSON.createObjectBuilder().add("day", day.toString()).add("total", statistics.dayTotal(day))
                    .add("counts", counts));
        });
        JsonArrayBuilder routes = JSON.createArrayBuilder();
        statistics.routes().forEach(totalsOfRoute -> {
            JsonObjectBuilder counts = JSON.createObjectBuilder();
            totalsOfRoute.byOutcome().forEach((outcome, count) -> counts.add(outcome, count));
            routes.add(JSON.createObjectBuilder().add("route", totalsOfRoute.route()).add("total", totalsOfRoute.total())
                    .add("counts", counts));
        });
        return body.add("from", query.from().toString())
                .add("to", query.to().toString())
                .add("outcomes", outcomes)
                .add("total", statistics.total())
                .add("totals", totals)
                .add("days", days)
                .add("routes", routes)
                .build();
    }
}
