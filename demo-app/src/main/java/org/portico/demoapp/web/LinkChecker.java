package org.portico.demoapp.web;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;

import org.portico.demoapp.verify.LinkTokenRejectedException;
import org.portico.demoapp.verify.LinkTokenVerifier;
import org.portico.demoapp.verify.PorticoUnavailableException;
import org.portico.demoapp.verify.TrustedPortico;

/**
 * Checks the token of a visit against the configured Portico, or, by default, the Portico on this very server, reached
 * through the port the request came in on (so the same WAR works on 8080, on the ITs' port, or behind another
 * offset). One {@link TrustedPortico} per Portico URL, created on first use. Thread-safe.
 */
final class LinkChecker {

    /** Attribute of the servlet context that holds the application's one instance. */
    static final String ATTRIBUTE = LinkChecker.class.getName();

    private static final Logger LOG = Logger.getLogger(LinkChecker.class.getName());
    private static final int HTTP_TIMEOUT_MILLIS = 3_000;
    private static final int HTTP_SIZE_LIMIT = 64 * 1024;

    private final DemoAppSettings settings;
    private final String audiencePath;
    private final ResourceRetriever http;
    private final Clock clock;
    private final Map<URI, TrustedPortico> porticos = new ConcurrentHashMap<>();

    /**
     * @param audiencePath what follows the issuer in the default audience: the app's context path
     */
    LinkChecker(DemoAppSettings settings, String audiencePath, Clock clock) {
        this.settings = settings;
        this.audiencePath = audiencePath;
        this.http = new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, HTTP_SIZE_LIMIT);
        this.clock = clock;
    }

    /** The application's instance, made by {@link DemoAppStartup}. */
    static LinkChecker of(jakarta.servlet.ServletContext context) {
        return (LinkChecker) context.getAttribute(ATTRIBUTE);
    }

    Clock clock() {
        return clock;
    }

    /** The Portico that tokens arriving on {@code localPort} are checked against. */
    URI porticoUrl(int localPort) {
        return settings.porticoUrl().orElseGet(() -> URI.create("http://127.0.0.1:" + localPort));
    }

    /** The Portico that tokens arriving on {@code localPort} are checked against; nothing is fetched yet. */
    TrustedPortico portico(int localPort) {
        return porticos.computeIfAbsent(porticoUrl(localPort),
                url -> new TrustedPortico(url, settings.audience(), audiencePath, http, clock));
    }

    /**
     * @param token     the token from the link; null when it carried none
     * @param localPort the server port the request came in on
     */
    Outcome check(String token, int localPort) {
        if (token == null || token.isBlank()) {
            return new Outcome.NoToken();
        }
        try {
            LinkTokenVerifier verifier = portico(localPort).verifier();
            return new Outcome.Verified(verifier.verify(token));
        } catch (LinkTokenRejectedException e) {
            return new Outcome.Refused(e.reason(), e.getMessage(), Outcome.SentHeader.peek(token));
        } catch (PorticoUnavailableException e) {
            LOG.warning(e::getMessage);
            return new Outcome.Unavailable(e.getMessage());
        }
    }
}
