package org.portico.web.settings;

import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How much a request may send: {@code portico.api.max-body-size}, the largest body in bytes that the JSON API and the
 * OAuth endpoints accept (default 1 MiB: an export of some thousand routes). Checked once at start-up; a bad value
 * fails the deployment with a message that shows a valid one.
 */
@ApplicationScoped
public class RequestLimits {

    private static final Logger LOG = Logger.getLogger(RequestLimits.class.getName());

    static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;
    static final long MIN_MAX_BODY_SIZE = 1024;
    static final long MAX_MAX_BODY_SIZE = 100L * 1024 * 1024;

    @Inject
    @ConfigProperty(name = "portico.api.max-body-size", defaultValue = "" + DEFAULT_MAX_BODY_SIZE)
    String maxBodySize;

    private long maxBodyBytes;

    @PostConstruct
    void check() {
        maxBodyBytes = parse(maxBodySize);
    }

    void startUp(@Observes @Initialized(ApplicationScoped.class) Object event) {
        long bytes = maxBodySize(); // the setting is checked here, whatever the log level
        LOG.info(() -> "Request bodies of the API and the OAuth endpoints: at most " + bytes + " bytes");
    }

    /** The largest body, in bytes, that the JSON API and the OAuth endpoints read. */
    public long maxBodySize() {
        return maxBodyBytes;
    }

    static long parse(String value) {
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes >= MIN_MAX_BODY_SIZE && bytes <= MAX_MAX_BODY_SIZE) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("portico.api.max-body-size must be a number of bytes between "
                + MIN_MAX_BODY_SIZE + " and " + MAX_MAX_BODY_SIZE + " such as " + DEFAULT_MAX_BODY_SIZE + " (1 MiB), got '"
                + value + "'");
    }
}
