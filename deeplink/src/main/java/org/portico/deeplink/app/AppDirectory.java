package org.portico.deeplink.app;

import java.util.Optional;

/**
 * SPI: where registered apps are looked up. portal-web implements it on its database; tests use a map.
 *
 * <p>Implementations must be thread-safe and fast (they are called on every token exchange and client
 * authentication), so a cache in front of the database is expected. Both methods answer empty for unknown values and
 * never throw for them; a broken store may throw an unchecked exception of its own, which callers treat as a server
 * error.
 */
public interface AppDirectory {

    /** The app with this {@linkplain AppRegistration#id() id} (its OAuth {@code client_id}). */
    Optional<AppRegistration> findById(String id);

    /** The app whose {@linkplain AppRegistration#audience() audience} is exactly this value. */
    Optional<AppRegistration> findByAudience(String audience);
}
