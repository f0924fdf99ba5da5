package org.portico.web.cluster;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The versions of the change markers a node has seen, and which topics moved in a newer reading. A topic seen for the
 * first time counts as changed only after the first reading: before it, this node had cached nothing stale.
 *
 * <p>Not thread-safe: owned by the poller's single, fixed-delay task.
 */
final class MarkerVersions {

    private Map<String, Long> seen;

    /**
     * Takes a new reading and returns the topics whose version differs from the previous reading (a topic that appeared
     * since counts too); empty on the first reading.
     */
    Set<String> advance(Map<String, Long> now) {
        Objects.requireNonNull(now, "now");
        Map<String, Long> before = seen;
        seen = Map.copyOf(now);
        if (before == null) {
            return Set.of();
        }
        Set<String> changed = new HashSet<>();
        now.forEach((topic, version) -> {
            if (!version.equals(before.get(topic))) {
                changed.add(topic);
            }
        });
        return changed;
    }
}
