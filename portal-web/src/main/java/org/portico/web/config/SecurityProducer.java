package org.portico.web.config;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;


import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.web.security.DatabaseThrottleStore;
import org.portico.web.security.LoginThrottle;
import org.portico.web.security.PasswordCheckSlots;
import javax.sql.DataSource;

/**
 * Wires the container-free security helpers into CDI.
 * <p>
 * {@code portico.login.max-concurrent-password-checks} (default: twice the number of cores): how many login password
 * checks may run at once (see {@link PasswordCheckSlots}).
 */
@ApplicationScoped
public class SecurityProducer {

    private static final Logger LOG = Logger.getLogger(SecurityProducer.class.getName());

    /** The throttles' counts are in the shared database: cluster-wide (see {@link DatabaseThrottleStore}). */
    @Resource(lookup = "java:jboss/datasources/PorticoDS")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "portico.login.max-concurrent-password-checks")
    Optional<Integer> maxConcurrentPasswordChecks;

    @Produces
    @Singleton // one per application, no client proxy: LoginThrottle is final and thread-safe
    LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(clock, new DatabaseThrottleStore("login", dataSource, clock));
    }

    /** Checks the setting at start-up, not at the first login: a wrong value fails the deployment with its message. */
    void startUp(@Observes @Initialized(ApplicationScoped.class) Object event, PasswordCheckSlots slots) {
        LOG.info(() -> "At most " + slots.size() + " login password checks run at once");
    }

    @Produces
    @Singleton
    PasswordCheckSlots passwordCheckSlots() {
        return new PasswordCheckSlots(maxConcurrentPasswordChecks.orElseGet(PasswordCheckSlots::defaultSize));
    }
}
