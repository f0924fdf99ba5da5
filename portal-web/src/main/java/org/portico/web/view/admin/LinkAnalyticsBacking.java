package org.portico.web.view.admin;

import static org.portico.web.json.Jsons.JSON;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.portico.web.i18n.Texts;
import org.portico.web.link.analytics.LinkAnalyticsQuery;
import org.portico.web.link.analytics.LinkEventStore;
import org.portico.web.link.analytics.LinkStatistics;
import org.portico.web.link.analytics.LinkStatistics.RouteTotals;

/**
 * The site admin's link analytics: resolutions per UTC day by outcome as a stacked bar chart, totals per route and
 * outcome, and the CSV of the events, for one route or all over a range of days (the last 30 by default). The
 * counts come from the daily table, so the page stays fast with millions of events.
 */
@Named
@ViewScoped
public class LinkAnalyticsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Bar colours per outcome code; codes this version doesn't know are grey. */
    private static final Map<String, String> COLOURS = Map.of(
            "ok", "#16a34a",
            "expired", "#f59e0b",
            "bad_signature", "#dc2626",
            "replayed", "#7c3aed",
            "denied", "#ea580c",
            "unknown_route", "#64748b",
            "invalid_parameter", "#2563eb");

    @Inject
    LinkEventStore store;

    @Inject
    Clock clock;

    private String route;
    private LocalDate fromDay;
    private LocalDate toDay;
    /** The query the results show: the last valid filter. */
    private LinkAnalyticsQuery shown;
    private transient LinkStatistics statistics;
    /** The route names, read once per view and again on Show (f:selectItems evaluates them several times a request). */
    private transient List<String> routes;

    @PostConstruct
    void init() {
        shown = LinkAnalyticsQuery.lastDays(LocalDate.now(clock));
        fromDay = shown.from();
        toDay = shown.to();
    }

    /** Applies the filter, or says what is wrong with it and keeps showing the last valid one. */
    public void apply() {
        try {
            shown = LinkAnalyticsQuery.of(route, fromDay, toDay, LocalDate.now(clock));
            fromDay = shown.from();
            toDay = shown.to();
            statistics = null;
            routes = null;
        } catch (LinkAnalyticsQuery.InvalidQueryException e) {
            Messages.addGlobalError(e.messageKey(), e.messageParams());
            Faces.validationFailed();
        }
    }

    /** Back to all routes and the last 30 days. */
    public void reset() {
        route = null;
        init();
        statistics = null;
        routes = null;
    }

    public LinkStatistics getStatistics() {
        if (statistics == null) {
            statistics = store.statistics(shown);
        }
        return statistics;
    }

    /** Whether nothing was recorded for what the page shows ("empty" is a word EL keeps for itself). */
    public boolean isNothingRecorded() {
        return getStatistics().isEmpty();
    }

    /** The recorded route names for the filter ("" is a link that named no route). */
    public List<String> getRoutes() {
        if (routes == null) {
            routes = store.routes();
        }
        return routes;
    }

    /** One row per route, then the total of all routes when there is more than one. */
    public List<RouteTotals> getRouteRows() {
        LinkStatistics counts = getStatistics();
        List<RouteTotals> rows = new ArrayList<>(counts.routes());
        if (rows.size() > 1) {
            Map<String, Long> all = new LinkedHashMap<>();
            counts.outcomes().forEach(outcome -> all.put(outcome, counts.total(outcome)));
            rows.add(new RouteTotals(null, all, counts.total()));
        }
        return rows;
    }

    public List<String> getOutcomes() {
        return getStatistics().outcomes();
    }

    /** What the results show, for the heading above them (days in ISO form, like the day inputs). */
    public String getShownRange() {
        return Texts.format(Faces.getLocale(), "admin.analytics.shown", routeHeading(shown.route()),
                shown.from().toString(), shown.to().toString());
    }

    private String routeHeading(String route) {
        return route == null ? routeLabel(null) : Texts.format(Faces.getLocale(), "admin.analytics.shown.route", routeLabel(route));
    }

    /** A route name as the page shows it. */
    public String routeLabel(String route) {
        return route == null ? Texts.format(Faces.getLocale(), "admin.analytics.all-routes")
                : route.isEmpty() ? Texts.format(Faces.getLocale(), "admin.analytics.no-route-name") : route;
    }

    /** An outcome's column header: its name in the bundle, or the code of an outcome this version does not know. */
    public String outcomeLabel(String outcome) {
        String key = "admin.analytics.outcome." + outcome;
        return Texts.bundle(Faces.getLocale()).containsKey(key) ? Texts.format(Faces.getLocale(), key)
                : outcome.replace('_', ' ');
    }

    /**
     * The Chart.js configuration of the stacked bar chart, as {@code <p:chart>} takes it: days on the x axis, one
     * dataset per outcome. PrimeFaces writes it into its widget script (which carries the CSP nonce), so characters
     * that could end a script element are escaped.
     */
    public String getChartJson() {
        LinkStatistics counts = getStatistics();
        JsonArrayBuilder labels = JSON.createArrayBuilder();
        counts.days().forEach(day -> labels.add(day.toString()));
        JsonArrayBuilder datasets = JSON.createArrayBuilder();
        for (String outcome : counts.outcomes()) {
            JsonArrayBuilder data = JSON.createArrayBuilder();
            counts.days().forEach(day -> data.add(counts.count(day, outcome)));
            datasets.add(JSON.createObjectBuilder()
                    .add("label", outcome)
                    .add("data", data)
                    .add("backgroundColor", COLOURS.getOrDefault(outcome, "#9ca3af"))
                    .add("stack", "outcomes"));
        }
        JsonObjectBuilder stacked = JSON.createObjectBuilder().add("stacked", true);
        String json = JSON.createObjectBuilder()
                .add("type", "bar")
                .add("data", JSON.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", JSON.createObjectBuilder()
                        .add("responsive", true)
                        .add("maintainAspectRatio", false)
                        .add("animation", false)
                        .add("scales", JSON.createObjectBuilder()
                                .add("x", stacked)
                                .add("y", JSON.createObjectBuilder().add("stacked", true).add("beginAtZero", true)
                                        .add("ticks", JSON.createObjectBuilder().add("precision", 0))))
                        .add("plugins", JSON.createObjectBuilder()
                                .add("legend", JSON.createObjectBuilder().add("position", "bottom"))))
                .build().toString();
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** The CSV export of the events the page shows. */
    public String getCsvUrl() {
        StringBuilder query = new StringBuilder("?from=").append(shown.from()).append("&to=").append(shown.to());
        if (shown.route() != null) {
            query.append("&route=").append(URLEncoder.encode(shown.route(), StandardCharsets.UTF_8));
        }
        return Faces.getRequestContextPath() + "/api/admin/link-analytics.csv" + query;
    }

    public String getRoute() { return route; }
    public void setRoute(String route) { this.route = route; }
    public LocalDate getFromDay() { return fromDay; }
    public void setFromDay(LocalDate fromDay) { this.fromDay = fromDay; }
    public LocalDate getToDay() { return toDay; }
    public void setToDay(LocalDate toDay) { this.toDay = toDay; }
}
