package org.portico.demoapp.web;

import java.net.URI;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the demo app finds Portico, read once at start-up from a system property or else an environment variable,
 * and checked then (a bad value fails the deployment with a message that shows a good one).
 * <ul>
 * <li>{@code demo-app.portico-url} / {@code DEMO_APP_PORTICO_URL}: Portico's base URL, where its discovery document
 * is. Default: the same server, {@code http://127.0.0.1:<port the request came in on>}.</li>
 * <li>{@code demo-app.audience} / {@code DEMO_APP_AUDIENCE}: the audience link tokens must name. Default: the
 * issuer in Portico's discovery document followed by the app's context path ({@code /demo-app}), which is how
 * Portico's demo data registers the demo app.</li>
 * </ul>
 *
 * @param porticoUrl Portico's base URL without a trailing slash; empty for "the same server"
 * @param audience   the configured audience; empty for the default
 */
record DemoAppSettings(Optional<URI> porticoUrl, Optional<String> audience) {

    static final String PORTICO_URL = "demo-app.portico-url";
    static final String AUDIENCE = "demo-app.audience";

    /** Reads the settings from system properties and the environment. */
    static DemoAppSettings fromEnvironment() {
        return from(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(environmentName(name));
        });
    }

    /**
     * @param source a setting's value by its property name, null when not set
     * @throws IllegalStateException when a value is set but unusable
     */
    static DemoAppSettings from(UnaryOperator<String> source) {
        Optional<URI> porticoUrl = Optional.ofNullable(source.apply(PORTICO_URL)).map(String::strip)
                .filter(value -> !value.isEmpty()).map(DemoAppSettings::parsePorticoUrl);
        Optional<String> audience = Optional.ofNullable(source.apply(AUDIENCE)).map(String::strip)
                .filter(value -> !value.isEmpty());
        return new DemoAppSettings(porticoUrl, audience);
    }

    /** {@code demo-app.portico-url} → {@code DEMO_APP_PORTICO_URL}. */
    static String environmentName(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static URI parsePorticoUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalStateException(PORTICO_URL + " (" + environmentName(PORTICO_URL) + ") must be Portico's"
                    + " base URL, an http(s) URL without query or fragment such as http://localhost:8080, got '" + value + "'");
        }
        return uri;
    }
}
