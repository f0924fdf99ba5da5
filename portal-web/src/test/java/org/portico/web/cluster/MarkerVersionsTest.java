package org.portico.web.cluster;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MarkerVersionsTest {

    private final MarkerVersions versions = new MarkerVersions();

    @Test
    void theFirstReadingReportsNothingThenEveryMovedOrNewTopicIsReported() {
        Set<String> first = versions.advance(Map.of("routes", 3L, "apps", 7L));
        Set<String> unchanged = versions.advance(Map.of("routes", 3L, "apps", 7L));
        Set<String> moved = versions.advance(Map.of("routes", 5L, "apps", 7L, "pages", 1L));
        Set<String> again = versions.advance(Map.of("routes", 5L, "apps", 7L, "pages", 1L));

        assertAll(
                () -> assertEquals(Set.of(), first, "nothing cached before start can be stale"),
                () -> assertEquals(Set.of(), unchanged),
                () -> assertEquals(Set.of("routes", "pages"), moved, "two bumps seen at once count once"),
                () -> assertEquals(Set.of(), again));
    }
}
