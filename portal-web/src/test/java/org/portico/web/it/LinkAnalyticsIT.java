package org.portico.web.it;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.deeplink.link.LinkOutcome;
import org.portico.web.link.LinkResolved;
import org.portico.web.link.analytics.LinkAnalytics;
import org.portico.web.link.analytics.LinkAnalyticsQuery;
import org.portico.web.link.analytics.LinkEventStore;
import org.portico.web.link.analytics.LinkStatistics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.unique;

/**
 * The link analytics inside WildFly against the real database: {@link LinkResolved} fired through CDI the way link
 * following fires it, stored by the background writer, counted per UTC day and outcome. Tagged {@code database};
 * every test uses route names of its own and days long past, so rows from other tests and runs don't matter.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class LinkAnalyticsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClasses(LinkAnalyticsIT.class, ItSupport.class);
    }

    @Inject
    Event<LinkResolved> resolved;

    @Inject
    LinkAnalytics analytics;

    @Inject
    LinkEventStore store;


    /** Around midnight UTC of 29 February 2024, so a wrong time zone or day boundary shows. */
    private static final Instant[] TIMES = {
        Instant.parse("2024-02-28T23:59:59.999Z"),
        Instant.parse("2024-02-29T00:00:00Z"),
        Instant.parse("2024-02-29T23:59:59.999Z"),
        Instant.parse("2024-03-01T00:00:00Z"),
        Instant.parse("2024-03-01T12:00:00Z"),
    };

    /**
     * The outcomes a route that exists can have: {@code unknown_route} is counted under
     * {@link LinkEventStore#UNKNOWN_ROUTE}, never under a name (issue 8).
     */
    private static final List<LinkOutcome> ROUTE_OUTCOMES = java.util.Arrays.stream(LinkOutcome.values())
            .filter(outcome -> outcome != LinkOutcome.UNKNOWN_ROUTE).toList();

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, java.time.ZoneOffset.UTC);
    }

    @Test
    void aThousandResolutionsFiredFromTwentyThreadsAreCountedExactlyPerDayAndOutcome() throws Exception {
        String route = unique("concurrent");
        int threads = 20;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Map<LocalDate, Map<String, Long>> expected = new HashMap<>();
        List<Future<?>> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            for (int i = 0; i < perThread; i++) {
                int n = thread * perThread + i;
                expected.computeIfAbsent(day(TIMES[n % TIMES.length]), d -> new HashMap<>())
                        .merge(ROUTE_OUTCOMES.get(n % ROUTE_OUTCOMES.size()).code(), 1L, Long::sum);
            }
            producers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    int n = thread * perThread + i;
                    resolved.fire(new LinkResolved(TIMES[n % TIMES.length], route,
                            ROUTE_OUTCOMES.get(n % ROUTE_OUTCOMES.size()), n % 2 == 0 ? "billing" : null,
                            n % 3 == 0 ? null : "user" + thread));
                }
                return null;
            }));
        }

        start.countDown();
        for (Future<?> producer : producers) {
            producer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        analytics.flush();
        LinkStatistics counts = store.statistics(
                new LinkAnalyticsQuery(route, LocalDate.parse("2024-02-27"), LocalDate.parse("2024-03-02")));

        Map<LocalDate, Map<String, Long>> actual = new HashMap<>();
        for (LocalDate day : counts.days()) {
            for (String outcome : counts.outcomes()) {
                if (counts.count(day, outcome) > 0) {
                    actual.computeIfAbsent(day, d -> new HashMap<>()).put(outcome, counts.count(day, outcome));
                }
            }
        }
        assertAll(
                () -> assertEquals(expected, actual),
                () -> assertEquals(1000, counts.total()),
                () -> assertEquals(List.of(LocalDate.parse("2024-02-27"), LocalDate.parse("2024-02-28"),
                        LocalDate.parse("2024-02-29"), LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-02")),
                        counts.days(), "every day of the range, empty ones too"),
                () -> assertEquals(1, counts.routes().size()),
                () -> assertEquals(1000, counts.routes().get(0).total()),
                () -> assertEquals(0, analytics.stats().lost()));
    }

    @Test
    void theEventsListTheSameResolutionsAsTheDailyCountsOldestFirst() {
        String route = unique("events");
        fire(route, LinkOutcome.OK, "2024-05-02T08:00:00Z", 3, "billing", "ada");
        fire(route, LinkOutcome.EXPIRED, "2024-05-01T09:30:00Z", 2, null, null);
        fire(route, LinkOutcome.DENIED, "2024-05-03T00:00:00Z", 1, null, "alice");
        analytics.flush();
        LinkAnalyticsQuery query = new LinkAnalyticsQuery(route, LocalDate.parse("2024-05-01"), LocalDate.parse("2024-05-02"));
        List<LinkEventStore.LinkEvent> events = new ArrayList<>();

        store.forEach(query, 2, events::add); // batches of 2: the keyset paging crosses equal times

        assertAll(
                () -> assertEquals(List.of("expired", "expired", "ok", "ok", "ok"),
                        events.stream().map(LinkEventStore.LinkEvent::outcome).toList()),
                () -> assertEquals(Instant.parse("2024-05-01T09:30:00Z"), events.get(0).resolvedAt()),
                () -> assertEquals("billing", events.get(4).appId()),
                () -> assertEquals("ada", events.get(4).username()),
                () -> assertEquals(5, events.stream().map(LinkEventStore.LinkEvent::id).distinct().count()),
                () -> assertEquals(store.statistics(query).total(), events.size()),
                () -> assertEquals(1, store.statistics(new LinkAnalyticsQuery(route, LocalDate.parse("2024-05-03"),
                        LocalDate.parse("2024-05-03"))).total(), "the last day's event is outside the range"));
    }

    @Test
    void allRoutesAddUpAndOneRouteCountsOnlyItself() {
        String billing = unique("billing");
        String reports = unique("reports");
        fire(billing, LinkOutcome.OK, "2023-07-04T10:00:00Z", 4, null, null);
        fire(billing, LinkOutcome.BAD_SIGNATURE, "2023-07-04T11:00:00Z", 1, null, null);
        fire(reports, LinkOutcome.REPLAYED, "2023-07-04T12:00:00Z", 2, null, null);
        analytics.flush();
        LocalDate day = LocalDate.parse("2023-07-04");

        LinkStatistics all = store.statistics(new LinkAnalyticsQuery(null, day, day));
        LinkStatistics one = store.statistics(new LinkAnalyticsQuery(billing, day, day));

        assertAll(
                () -> assertEquals(4, one.count(day, "ok")),
                () -> assertEquals(1, one.count(day, "bad_signature")),
                () -> assertEquals(0, one.count(day, "replayed")),
                () -> assertEquals(5, one.total()),
                () -> assertTrue(all.total() >= 7, "all routes include both"),
                () -> assertEquals(2, all.routes().stream().filter(r -> r.route().equals(reports)).findFirst()
                        .orElseThrow().count("replayed")),
                () -> assertTrue(store.routes().containsAll(List.of(billing, reports)), "both in the route filter"));
    }

    /**
     * Issue 8: a typed name that names no route is not stored as a route (a stranger could add a row per name); it is
     * counted under the one bucket, and the name itself, without control characters and cut to 64 characters, in the
     * capped table of unknown names.
     */
    @Test
    void typedUnknownNamesGoToTheBucketAndTheCappedNameTableAsTextWithoutControlCharacters() {
        String route = unique("crlf") + "\r\nFORGED";
        fire(route, LinkOutcome.UNKNOWN_ROUTE, "2022-01-01T00:00:00Z", 1, null, null);
        fire(route, LinkOutcome.UNKNOWN_ROUTE, "2022-01-01T00:00:01Z", 1, null, null);
        analytics.flush();
        LocalDate day = LocalDate.parse("2022-01-01");

        List<String> routes = new ArrayList<>();
        store.forEach(new LinkAnalyticsQuery(null, day, day), 100, event -> routes.add(event.route()));
        String cleaned = route.replace('\r', ' ').replace('\n', ' ');
        List<LinkEventStore.UnknownRouteName> names = store.unknownNames(LinkEventStore.UNKNOWN_NAMES_CAP + 100);

        assertAll(
                () -> assertTrue(routes.contains(LinkEventStore.UNKNOWN_ROUTE), routes.toString()),
                () -> assertTrue(routes.stream().noneMatch(r -> r.startsWith(route.substring(0, route.indexOf('\r')))), routes.toString()),
                () -> assertTrue(store.statistics(new LinkAnalyticsQuery(LinkEventStore.UNKNOWN_ROUTE, day, day))
                        .count(day, "unknown_route") >= 2),
                () -> assertEquals(2, names.stream().filter(n -> n.name().equals(cleaned)).findFirst()
                        .orElseThrow(() -> new AssertionError(names.toString())).hits()),
                () -> assertTrue(store.unknownNameCount() <= LinkEventStore.UNKNOWN_NAMES_CAP),
                () -> assertTrue(store.routes().contains(LinkEventStore.UNKNOWN_ROUTE)),
                () -> assertTrue(store.routes().stream().noneMatch(r -> r.contains("FORGED")), "not in the filter"));
    }

    private void fire(String route, LinkOutcome outcome, String at, int count, String app, String user) {
        for (int i = 0; i < count; i++) {
            resolved.fire(new LinkResolved(Instant.parse(at), route, outcome, app, user));
        }
    }
}
