package org.portico.web.cdn;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.portico.cdn.purge.Purge;
import org.portico.cdn.purge.PurgeLimits;

/** A purge split into batches within a CDN's limits: tags first, then URLs, each in sorted order, never mixed. */
class PurgePlanTest {

    private static Set<String> values(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("%s%03d", prefix, i)).collect(Collectors.toSet());
    }

    @Test
    void tagsAndUrlsAreSplitPerLimitTagsFirst() {
        PurgePlan plan = PurgePlan.of(values("tag", 250), values("https://p.example/", 3), new PurgeLimits(100, 2));

        List<Purge> batches = plan.batches();
        assertAll(
                () -> assertEquals(5, plan.size(), "3 batches of tags (100, 100, 50), 2 of URLs (2, 1)"),
                () -> assertEquals(100, batches.get(0).tags().size()),
                () -> assertEquals(50, batches.get(2).tags().size()),
                () -> assertEquals(Set.of(), batches.get(2).urls()),
                () -> assertEquals(Set.of("https://p.example/000", "https://p.example/001"), batches.get(3).urls()),
                () -> assertEquals(Set.of("https://p.example/002"), batches.get(4).urls()),
                () -> assertEquals(Set.of(), batches.get(4).tags()));
    }

    @Test
    void theSameContentGivesTheSameBatchesSoARestartResumesWhereItStopped() {
        Set<String> tags = values("cms:built-in:page:p", 37);

        assertEquals(PurgePlan.of(tags, Set.of(), new PurgeLimits(10, 1)),
                PurgePlan.of(Set.copyOf(tags), Set.of(), new PurgeLimits(10, 1)));
    }

    @Test
    void batchNHoldsTheNthSliceOfTheSortedTags() {
        PurgePlan plan = PurgePlan.of(Set.of("c", "a", "d", "b", "e"), Set.of(), new PurgeLimits(2, 1));

        assertEquals(List.of(Set.of("a", "b"), Set.of("c", "d"), Set.of("e")),
                plan.batches().stream().map(Purge::tags).toList());
    }

    @Test
    void exactMultiplesMakeNoEmptyBatch() {
        assertEquals(2, PurgePlan.of(values("t", 60), Set.of(), new PurgeLimits(30, 1)).size());
    }

    @Test
    void tagsForACdnThatPurgesNoneMustBeResolvedFirst() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class,
                        () -> PurgePlan.of(Set.of("cms:built-in:page:about"), Set.of(), new PurgeLimits(0, 3000))),
                () -> assertEquals(1, PurgePlan.of(Set.of(), Set.of("https://p.example/p/about"),
                        new PurgeLimits(0, 3000)).size()),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> PurgePlan.of(Set.of(), Set.of(), new PurgeLimits(1, 1))));
    }
}
