package org.portico.web.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.web.security.LoginThrottle;
import org.portico.web.security.PasswordCheckSlots;

/**
 * Wires the container-free security helpers into CDI.
 * <p>
 * {@code portico.login.max-concurrent-password-checks} (default: twice the number of cores): how many login password
 * checks may run at once (see {@link PasswordCheckSlots}).
 */
@ApplicationScoped
public class SecurityProducer {

    @Inject
    @ConfigProperty(name = "portico.login.max-concurrent-password-checks")
    Optional<Integer> maxConcurrentPasswordChecks;

    @Produces
    @Singleton // one per application, no client proxy: LoginThrottle is final and thread-safe
    LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(clock);
    }

    @Produces
    @Singleton
    PasswordCheckSlots passwordCheckSlots() {
        return new PasswordCheckSlots(maxConcurrentPasswordChecks.orElseGet(PasswordCheckSlots::defaultSize));
    }
}
