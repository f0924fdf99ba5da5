package org.portico.web.cluster;

import java.util.Objects;
import java.util.Set;

/**
 * The topics whose change markers moved since the last poll (see {@link ChangePoller}): a feature that caches data of
 * one of them forgets it. Fired on the poller's thread, outside any transaction, for changes made on any node — this
 * one included, so an observer must be idempotent (forgetting a cache twice costs one more read).
 *
 * <p>A type of its own, not the features' own change events ({@code AppsChanged}, {@code RoutesChanged}…): those also
 * queue CDN purges, which the node that made the change has already queued.
 *
 * @param topics the changed topics, never empty
 */
public record TopicsChanged(Set<String> topics) {

    public TopicsChanged {
        topics = Set.copyOf(Objects.requireNonNull(topics, "topics"));
    }

    /** Whether {@code topic} is among the changed ones. */
    public boolean has(String topic) {
        return topics.contains(topic);
    }
}
