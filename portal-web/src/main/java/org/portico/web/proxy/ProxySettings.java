package org.portico.web.proxy;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.settings.Settings;

/**
 * The reverse proxy's settings, read once and checked at start-up (a bad value stops the deployment with a message
 * that shows a valid one):
 * <ul>
 *   <li>{@code portico.proxy.origin} (env {@code PORTICO_PROXY_ORIGIN}): where proxied apps are served, see
 *   {@link ProxyOrigins}; by default {@code http://{app}.localhost:<port>} when Portico runs on a loopback name, else
 *   none (proxied apps then answer 404 until it is set).</li>
 *   <li>{@code portico.proxy.connect-timeout}: how long the proxy waits for a connection to an app, PT1S to PT1M,
 *   default PT5S.</li>
 *   <li>{@code portico.proxy.read-timeout}: how long a connection to an app may stay silent, PT1S to PT1H, default
 *   PT60S (a download that keeps flowing may take longer).</li>
 *   <li>{@code portico.proxy.max-body-mb}: the largest request body passed to an app, 1 to 10240 MiB, default 100.</li>
 *   <li>{@code portico.proxy.session-lifetime}: how long a proxy session lasts at most, PT5M to P1D, default PT8H.</li>
 * </ul>
 */
@ApplicationScoped
public class ProxySettings {

    @Inject
    Config config;

    @Inject
    PorticoIssuer issuer;

    private Optional<ProxyOrigins> origins;
    private Duration connectTimeout;
    private Duration readTimeout;
    private long maxBody;
    private Duration sessionLifetime;

    @PostConstruct
    void read() {
        String template = config.getOptionalValue("portico.proxy.origin", String.class).map(String::strip)
                .filter(value -> !value.isEmpty()).or(() -> ProxyOrigins.defaultTemplate(issuer.url())).orElse(null);
        origins = Optional.ofNullable(template).map(value -> ProxyOrigins.parse(value, issuer.origin()));
        connectTimeout = Settings.duration(config, "portico.proxy.connect-timeout", "PT5S", "PT1S", "PT1M");
        readTimeout = Settings.duration(config, "portico.proxy.read-timeout", "PT60S", "PT1S", "PT1H");
        maxBody = Settings.number(config, "portico.proxy.max-body-mb", 100, 1, 10240) * 1024L * 1024L;
        sessionLifetime = Settings.duration(config, "portico.proxy.session-lifetime", "PT8H", "PT5M", "P1D");
    }

    /** The proxy origins; empty when none is configured (proxied apps are then not served). */
    public Optional<ProxyOrigins> origins() {
        return origins;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** The largest request body in bytes. */
    public long maxBody() {
        return maxBody;
    }

    public Duration sessionLifetime() {
        return sessionLifetime;
    }

    /** Portico's own origin: where hops start, and what the hop endpoint demands as {@code Origin}. */
    public String porticoOrigin() {
        return issuer.origin();
    }

    /** Portico's public base URL. */
    public String porticoUrl() {
        return issuer.url();
    }
}
