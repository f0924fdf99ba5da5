package org.portico.web.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.portico.web.security.LoginThrottle;

/** Wires the container-free security helpers into CDI. */
@ApplicationScoped
public class SecurityProducer {

    @Produces
    @Singleton // one per application, no client proxy: LoginThrottle is final and thread-safe
    LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(clock);
    }
}
