package org.portico.web.cdn;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Coalescing: a pending row absorbs what later changes add, without duplicates, up to a bound. */
class PurgeItemsTest {

    @Test
    void absorbingUnitesWithoutDuplicates() {
        PurgeItems pending = PurgeItems.of(Set.of("cms:built-in:page:about"), Set.of("https://p.example/p/about"));

        PurgeItems merged = pending.absorb(PurgeItems.of(Set.of("cms:built-in:page:about", "cms:built-in:block:welcome"),
                Set.of())).orElseThrow();

        assertAll(
                () -> assertEquals(List.of("cms:built-in:block:welcome", "cms:built-in:page:about"),
                        List.copyOf(merged.tags())),
                () -> assertEquals(Set.of("https://p.example/p/about"), merged.urls()),
                () -> assertEquals(3, merged.count()));
    }

    @Test
    void absorbingWhatIsThereAlreadyChangesNothing() {
        PurgeItems pending = PurgeItems.of(Set.of("a", "b"), Set.of());

        assertEquals(pending, pending.absorb(PurgeItems.of(Set.of("b"), Set.of())).orElseThrow());
    }

    @Test
    void aFullRowAbsorbsNothingMore() {
        Set<String> many = IntStream.range(0, PurgeItems.MAX_ITEMS - 1).mapToObj(i -> "t" + i)
                .collect(Collectors.toSet());
        PurgeItems almostFull = PurgeItems.of(many, Set.of());

        assertAll(
                () -> assertTrue(almostFull.absorb(PurgeItems.of(Set.of("one-more"), Set.of())).isPresent()),
                () -> assertTrue(almostFull.absorb(PurgeItems.of(Set.of("one", "two"), Set.of())).isEmpty(),
                        "beyond the bound a new row is queued"));
    }

    @Test
    void theJsonFormReadsBack() {
        Set<String> values = new TreeSet<>(Set.of("cms:x:page:\"quoted\"", "https://p.example/p/über?a=1&b=2"));

        assertEquals(values, PurgeItems.parse(PurgeItems.json(values)));
    }
}
