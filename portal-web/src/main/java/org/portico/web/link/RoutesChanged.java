package org.portico.web.link;

import java.util.Set;

/**
 * CDI event fired by {@link RouteService} inside the transaction that changed these routes; {@link JpaLinkRoutes}
 * forgets them once the transaction has completed, so that the next lookup reads what was committed.
 *
 * @param names the names of the created, changed or deleted routes
 */
public record RoutesChanged(Set<String> names) {

    public RoutesChanged {
        names = Set.copyOf(names);
    }
}
