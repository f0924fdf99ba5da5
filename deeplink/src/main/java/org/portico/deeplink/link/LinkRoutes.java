package org.portico.deeplink.link;

import java.util.Optional;

/**
 * Where link following finds routes. portal-web implements it on its database (with a short cache); tests use a map.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface LinkRoutes {

    /** The route with this name, enabled or not; empty if there is none. */
    Optional<LinkRoute> find(String name);
}
