package org.portico.web.it;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.deeplink.link.LinkOutcome;
import org.portico.web.audit.AuditBatches;
import org.portico.web.audit.AuditFilter;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.link.LinkResolved;
import org.portico.web.link.analytics.LinkAnalyticsQuery;
import org.portico.web.link.analytics.LinkEventStore;
import org.portico.web.audit.AuditEntry;
import org.portico.web.retention.Retention;
import org.portico.web.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.unique;

/**
 * Issue 8, "unbounded growth": link events, unknown route names and audit entries older than their retention
 * (defaults: 90 days, 90 days, 400 days) are deleted by the retention job, in bounded batches; the daily link counts
 * stay. The job's run is called with a {@link MutableClock}, so the test moves time instead of waiting. Rows are
 * written "just inside" the retention and the clock is then moved past it. Tagged {@code database}.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class RetentionIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClasses(RetentionIT.class, ItSupport.class, MutableClock.class);
    }

    @Inject
    Retention retention;

    @Inject
    LinkEventStore linkEvents;

    @Inject
    AuditBatches auditBatches;

    @Inject
    AuditLog audit;

    @Test
    void theDefaultsAreNinetyDaysOfLinkEventsAndFourHundredDaysOfAudit() {
        assertEquals(new Retention.Settings(Duration.ofDays(90), Duration.ofDays(400)), retention.settings());
    }

    @Test
    void linkEventsGoAfterTheirRetentionInBatchesAndTheDailyCountsStay() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String route = unique("retained");
        Instant old = clock.instant().minus(Duration.ofDays(90)).plus(Duration.ofHours(1));
        int events = Retention.BATCH * 2 + 17; // more than one batch
        List<LinkResolved> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(new LinkResolved(old, route, LinkOutcome.OK, null, null));
        }
        linkEvents.write(batch);
        Instant recent = clock.instant().minus(Duration.ofDays(1));
        linkEvents.write(List.of(new LinkResolved(recent, route, LinkOutcome.OK, null, null)));
        LocalDate oldDay = LocalDate.ofInstant(old, ZoneOffset.UTC);
        LinkAnalyticsQuery all = new LinkAnalyticsQuery(route, oldDay, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));

        Map<String, Integer> insideRetention = retention.prune(clock);
        long eventsInside = events(all);
        clock.advance(Duration.ofHours(2));
        Map<String, Integer> pastRetention = retention.prune(clock);

        assertAll(
                () -> assertEquals(events + 1, eventsInside, "nothing within the retention goes: " + insideRetention),
                () -> assertTrue(pastRetention.get("link events") >= events, pastRetention.toString()),
                () -> assertEquals(1, events(all), "only the recent event is left"),
                () -> assertEquals(events + 1, linkEvents.statistics(all).total(), "the daily counts stay"));
    }

    @Test
    void unknownRouteNamesGoWhenNotSeenWithinTheLinkEventsRetention() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String typed = unique("typo");
        Instant old = clock.instant().minus(Duration.ofDays(90)).plus(Duration.ofHours(1));
        linkEvents.write(List.of(new LinkResolved(old, typed, LinkOutcome.UNKNOWN_ROUTE, null, null)));

        retention.prune(clock);
        boolean keptInside = linkEvents.unknownNames(LinkEventStore.UNKNOWN_NAMES_CAP + 100).stream()
                .anyMatch(n -> n.name().equals(typed));
        clock.advance(Duration.ofHours(2));
        retention.prune(clock);
        boolean keptAfter = linkEvents.unknownNames(LinkEventStore.UNKNOWN_NAMES_CAP + 100).stream()
                .anyMatch(n -> n.name().equals(typed));

        assertAll(
                () -> assertTrue(keptInside),
                () -> assertEquals(false, keptAfter));
    }

    @Test
    void auditEntriesGoAfterFourHundredDays() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String target = unique("retained-audit");
        Instant old = clock.instant().minus(Duration.ofDays(400)).plus(Duration.ofHours(1));
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(new AuditEntry(old, "ada", "LOGIN", target, AuditOutcome.SUCCESS, "127.0.0.1", null));
        }
        entries.add(new AuditEntry(clock.instant().minus(Duration.ofDays(399)), "ada", "LOGIN", target,
                AuditOutcome.SUCCESS, "127.0.0.1", null));
        auditBatches.store(entries);
        AuditFilter filter = new AuditFilter(null, null, target, null, null);

        retention.prune(clock);
        long inside = audit.count(filter);
        clock.advance(Duration.ofHours(2));
        Map<String, Integer> pruned = retention.prune(clock);

        assertAll(
                () -> assertEquals(4, inside),
                () -> assertTrue(pruned.get("audit entries") >= 3, pruned.toString()),
                () -> assertEquals(1, audit.count(filter), "the entry of day 399 stays"));
    }

    private long events(LinkAnalyticsQuery query) {
        long[] n = {0};
        linkEvents.forEach(query, 500, e -> n[0]++);
        return n[0];
    }
}
