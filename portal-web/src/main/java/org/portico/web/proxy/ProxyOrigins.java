package org.portico.web.proxy;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.portico.deeplink.app.AppRegistration;

/**
 * The origins proxied apps are served on, from the template {@code portico.proxy.origin}: with {@value #APP} in the
 * host ({@code https://{app}.apps.portal.example}) each app has an origin of its own, isolated from Portico and from
 * every other app; without it ({@code https://apps.portal.example}) all proxied apps share one origin (they can reach
 * each other, never Portico). Portico's own origin can never be a proxy origin.
 *
 * <p>Immutable and thread-safe; pure logic (no container code), so the matching is unit-tested.
 */
public final class ProxyOrigins {

    /** The place of the app id in a per-app template's host. */
    public static final String APP = "{app}";

    private static final String EXAMPLE = "such as https://{app}.apps.portal.example or https://apps.portal.example";

    private final String scheme;
    private final String hostTemplate;
    private final int port;
    private final Pattern hostPattern;

    private ProxyOrigins(String scheme, String hostTemplate, int port) {
        this.scheme = scheme;
        this.hostTemplate = hostTemplate;
        this.port = port;
        int at = hostTemplate.indexOf(APP);
        this.hostPattern = at < 0 ? null : Pattern.compile(Pattern.quote(hostTemplate.substring(0, at))
                + "(" + AppRegistration.ID_PATTERN.replaceAll("^\\^|\\$$", "") + ")"
                + Pattern.quote(hostTemplate.substring(at + APP.length())));
    }

    /**
     * Parses a template: {@code http(s)://host[:port]} without path, query or user info, with {@value #APP} at most
     * once and only in the host.
     *
     * @param porticoOrigin Portico's own origin, which the template may not produce
     * @throws IllegalStateException naming the setting and a valid value
     */
    public static ProxyOrigins parse(String template, String porticoOrigin) {
        String text = template == null ? "" : template.strip().replaceAll("/+$", "").toLowerCase(Locale.ROOT);
        try {
            int at = text.indexOf(APP);
            if (text.indexOf(APP, at + 1) >= 0 && at >= 0) {
                throw new IllegalArgumentException();
            }
            URI uri = URI.create(text.replace(APP, "app-id"));
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new IllegalArgumentException();
            }
            String host = text.substring(scheme.length() + 3);
            int colon = host.lastIndexOf(':');
            int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
            if (colon >= 0 && !host.endsWith("]")) {
                host = host.substring(0, colon);
            }
            if (host.indexOf(APP) < 0 && at >= 0) {
                throw new IllegalArgumentException();
            }
            ProxyOrigins origins = new ProxyOrigins(scheme, host, port);
            String porticoHost = URI.create(porticoOrigin).getHost();
            if (porticoHost != null && origins.match(porticoHost).isPresent()) {
                // Requests are told apart by host name alone, and cookies ignore ports: another port is not enough.
                throw new IllegalStateException("portico.proxy.origin must name other hosts than Portico's own "
                        + porticoHost + ", " + EXAMPLE + ", got '" + template + "'");
            }
            return origins;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("portico.proxy.origin must be an http(s) origin without path, with "
                    + APP + " at most once in the host, " + EXAMPLE + ", got '" + template + "'");
        }
    }

    /**
     * The default when {@code portico.proxy.origin} is not set: {@code http://{app}.localhost:<port>} when Portico's
     * host is a loopback name (browsers resolve every {@code *.localhost} to the loopback address, so no DNS entry is
     * needed), else none: a production server must say where its proxied apps live.
     */
    public static Optional<String> defaultTemplate(String porticoUrl) {
        URI uri = URI.create(porticoUrl);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!host.equals("localhost") && !host.equals("127.0.0.1") && !host.equals("[::1]")) {
            return Optional.empty();
        }
        return Optional.of("http://" + APP + ".localhost" + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }

    /** Whether each app has an origin of its own. */
    public boolean perApp() {
        return hostPattern != null;
    }

    /** The origin an app is served on, e.g. {@code https://billing.apps.portal.example}. */
    public String origin(String appId) {
        boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
        return scheme + "://" + hostTemplate.replace(APP, appId) + (defaultPort ? "" : ":" + port);
    }

    /** The path prefix of an app on its origin: {@code /apps/{id}/}. */
    public static String prefix(String appId) {
        return "/apps/" + appId + "/";
    }

    /** The absolute URL of a path under an app's prefix ({@code path} without leading slash, may carry a query). */
    public String url(String appId, String path) {
        return origin(appId) + prefix(appId) + path;
    }

    /**
     * Which proxy origin a request's host (the {@code Host} header's name, without port) belongs to. By the name
     * alone, whatever the request's scheme and port: a balancer that ends TLS hands WildFly plain HTTP on a port of its
     * own, and such a request must still never reach Portico's pages. Fails closed.
     *
     * @return empty when the request is not for a proxy origin (it is Portico's); {@link ProxyHost#anyApp()} on the
     *         shared origin; the app id on a per-app origin
     */
    public Optional<ProxyHost> match(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (hostPattern == null) {
            return name.equals(hostTemplate) ? Optional.of(new ProxyHost(null)) : Optional.empty();
        }
        Matcher matcher = hostPattern.matcher(name);
        return matcher.matches() ? Optional.of(new ProxyHost(matcher.group(1))) : Optional.empty();
    }

    /**
     * A request's proxy origin.
     *
     * @param appId the app the origin belongs to; null on the shared origin of all proxied apps
     */
    public record ProxyHost(String appId) {

        boolean anyApp() {
            return appId == null;
        }

        /** Whether the app may be served on this origin. */
        public boolean serves(String app) {
            return appId == null || appId.equals(app);
        }
    }

    @Override
    public String toString() {
        return scheme + "://" + hostTemplate + ":" + port;
    }
}
