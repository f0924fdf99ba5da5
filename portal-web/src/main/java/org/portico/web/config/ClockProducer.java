package org.portico.web.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Time is a dependency: everything that expires (throttles, tokens, caches) asks for a {@link Clock},
 * so that tests can hand it a fixed or advancing one.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    public Clock clock() {
        return Clock.systemUTC();
    }
}
