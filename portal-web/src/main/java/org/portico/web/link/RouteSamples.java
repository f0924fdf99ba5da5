package org.portico.web.link;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;


/**
 * Sample links to a route for the admin screen and the API: {@code /link/invoice/42}. Parameters of a type with an
 * obvious valid value (int, uuid, enum) get one; the others (string, pattern) show as {@code {name}}, for the admin
 * to fill in. Optional parameters are left out.
 */
public final class RouteSamples {

    /** The path under which link following serves routes. */
    public static final String LINK_PATH = "/link/";

    static final String SAMPLE_UUID = "123e4567-e89b-12d3-a456-426614174000";

    private RouteSamples() {
    }

    /** A valid value of this parameter if its type has an obvious one. */
    public static Optional<String> sampleValue(StoredRouteParameter parameter) {
        return switch (parameter.getType()) {
            case INT -> Optional.of("42");
            case UUID -> Optional.of(SAMPLE_UUID);
            case ENUM -> parameter.getValues().stream().findFirst();
            case STRING, PATTERN -> Optional.empty();
        };
    }

    /** The Portico-relative sample link, e.g. {@code /link/invoice/42} or {@code /link/ticket/{key}}. */
    public static String sampleUrl(StoredRoute route) {
        StringBuilder url = new StringBuilder(LINK_PATH).append(route.getName());
        for (StoredRouteParameter parameter : route.getParameters()) {
            if (!parameter.isRequired()) {
                break; // optional ones come last
            }
            url.append('/').append(sampleValue(parameter).map(RouteSamples::segment)
                    .orElse("{" + parameter.getName() + "}"));
        }
        return url.toString();
    }

    /** A link with the given values as path segments, percent-encoded (an empty value ends the link). */
    public static String link(String routeName, java.util.List<String> values) {
        StringBuilder url = new StringBuilder(LINK_PATH).append(segment(routeName));
        for (String value : values) {
            if (value == null || value.isEmpty()) {
                break;
            }
            url.append('/').append(segment(value));
        }
        return url.toString();
    }

    /** Percent-encodes one path segment (URLEncoder is for forms: its '+' for a space is wrong in a path). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
