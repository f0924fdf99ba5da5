package org.portico.web.link.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.portico.deeplink.link.LinkOutcome;

/**
 * The counts of one {@link LinkAnalyticsQuery}: resolutions per UTC day and outcome (every day of the range, zero
 * when nothing happened) and per route and outcome over the whole range. Outcomes are the stored codes
 * ({@link LinkOutcome#code()}), in the enum's order; a code this version doesn't know (written by a newer one) is
 * kept, after the known ones, so the totals stay exact. Immutable.
 */
public final class LinkStatistics {

    /** One route's counts over the range. */
    public record RouteTotals(String route, Map<String, Long> byOutcome, long total) {

        public RouteTotals {
            byOutcome = Collections.unmodifiableMap(new LinkedHashMap<>(byOutcome));
        }

        public long count(String outcome) {
            return byOutcome.getOrDefault(outcome, 0L);
        }
    }

    /** One (day or route, outcome, count) row as read from the daily table. */
    record Row<K>(K key, String outcome, long count) {
    }

    private final LinkAnalyticsQuery query;
    private final List<String> outcomes;
    private final Map<LocalDate, Map<String, Long>> byDay;
    private final List<RouteTotals> routes;
    private final Map<String, Long> totals;

    LinkStatistics(LinkAnalyticsQuery query, List<Row<LocalDate>> dayRows, List<Row<String>> routeRows) {
        this.query = query;
        List<String> codes = new ArrayList<>(Arrays.stream(LinkOutcome.values()).map(LinkOutcome::code).toList());
        dayRows.stream().map(Row::outcome).filter(code -> !codes.contains(code)).distinct().sorted().forEach(codes::add);
        this.outcomes = List.copyOf(codes);

        Map<LocalDate, Map<String, Long>> days = new LinkedHashMap<>();
        for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
            days.put(day, zeros());
        }
        Map<String, Long> sums = zeros();
        for (Row<LocalDate> row : dayRows) {
            days.computeIfAbsent(row.key(), d -> zeros()).merge(row.outcome(), row.count(), Long::sum);
            sums.merge(row.outcome(), row.count(), Long::sum);
        }
        this.byDay = days;
        this.totals = sums;

        Map<String, Map<String, Long>> perRoute = new TreeMap<>();
        routeRows.forEach(row -> perRoute.computeIfAbsent(row.key(), r -> zeros()).merge(row.outcome(), row.count(), Long::sum));
        this.routes = perRoute.entrySet().stream()
                .map(e -> new RouteTotals(e.getKey(), e.getValue(), e.getValue().values().stream().mapToLong(Long::longValue).sum()))
                .toList();
    }

    private Map<String, Long> zeros() {
        Map<String, Long> counts = new LinkedHashMap<>();
        outcomes.forEach(code -> counts.put(code, 0L));
        return counts;
    }

    public LinkAnalyticsQuery query() {
        return query;
    }

    /** The outcome codes, known ones first in the enum's order. */
    public List<String> outcomes() {
        return outcomes;
    }

    /** Every day of the range, oldest first. */
    public List<LocalDate> days() {
        return List.copyOf(byDay.keySet());
    }

    public long count(LocalDate day, String outcome) {
        Map<String, Long> counts = byDay.get(day);
        return counts == null ? 0 : counts.getOrDefault(outcome, 0L);
    }

    public long dayTotal(LocalDate day) {
        Map<String, Long> counts = byDay.get(day);
        return counts == null ? 0 : counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Each route with resolutions in the range, by name. */
    public List<RouteTotals> routes() {
        return routes;
    }

    public long total(String outcome) {
        return totals.getOrDefault(outcome, 0L);
    }

    public long total() {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean isEmpty() {
        return total() == 0;
    }
}
