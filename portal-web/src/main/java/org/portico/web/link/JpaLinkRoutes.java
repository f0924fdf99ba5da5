package org.portico.web.link;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkRoutes;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;
import org.portico.web.metrics.PorticoMetrics;

/**
 * The link routes as link following sees them, from the database through a short cache: a lookup that hits the
 * cache touches neither the database nor a transaction. Changes made through {@link RouteService} are seen at once
 * on this node (the changed names are forgotten when their transaction completes); changes made on another node
 * within a second (the {@code routes} change marker, {@code cluster/}), at the latest {@link #FRESH_FOR}. Unknown names are cached too (as empty), so a burst of requests for a route that does
 * not exist costs one query; names that cannot be route names never reach the database. Thread-safe.
 */
@ApplicationScoped
public class JpaLinkRoutes implements LinkRoutes {

    /** How long a lookup is trusted; also the longest a change on another node takes to be seen here. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(5);

    @Inject
    RouteService routes;

    @Inject
    PorticoMetrics metrics;

    private final Cache<String, Optional<LinkRoute>> cache = Caffeine.newBuilder()
            .expireAfterWrite(FRESH_FOR).maximumSize(10_000).recordStats().build();

    @PostConstruct
    void publishStats() {
        metrics.cache("routes", cache);
    }

    @Override
    public Optional<LinkRoute> find(String name) {
        if (!LinkRoute.isValidName(name)) {
            return Optional.empty();
        }
        return cache.get(name, routes::findRoute);
    }

    /** Forgets every cached route, e.g. after changes made to the database by other means. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) RoutesChanged event) {
        cache.invalidateAll(event.names());
    }

    /** A route changed on some node: forget the cached routes (within a second on every node). */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.ROUTES)) {
            cache.invalidateAll();
        }
    }
}
