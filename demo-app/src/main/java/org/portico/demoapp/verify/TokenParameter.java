package org.portico.demoapp.verify;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the link token among the {@code &}-separated {@code name=value} pairs of a URL's query or fragment. Portico
 * puts it in the fragment by default ({@code #portico_token=<jws>}, never sent to any server, so it stays out of
 * logs and {@code Referer} headers), or in the query when the route says so ({@code ?portico_token=<jws>}); either
 * may hold other pairs too. Stateless.
 */
public final class TokenParameter {

    /** The parameter's name in the query or fragment. */
    public static final String NAME = "portico_token";

    private TokenParameter() {
    }

    /**
     * The first {@value #NAME} value, percent-decoded.
     *
     * @param pairs a raw query or fragment, with or without its leading {@code ?} or {@code #}; null for none
     */
    public static Optional<String> find(String pairs) {
        for (String pair : split(pairs)) {
            int equals = pair.indexOf('=');
            if (equals >= 0 && decode(pair.substring(0, equals)).equals(NAME)) {
                return Optional.of(decode(pair.substring(equals + 1)));
            }
        }
        return Optional.empty();
    }

    /** The same pairs without any {@value #NAME}, as they were (not decoded); empty when nothing else remains. */
    public static String without(String pairs) {
        List<String> kept = new ArrayList<>();
        for (String pair : split(pairs)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!decode(name).equals(NAME)) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    private static List<String> split(String pairs) {
        if (pairs == null) {
            return List.of();
        }
        String raw = pairs.startsWith("#") || pairs.startsWith("?") ? pairs.substring(1) : pairs;
        List<String> result = new ArrayList<>();
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                result.add(pair);
            }
        }
        return result;
    }

    /** Percent-decoding as in URLs ({@code +} stays a plus: a JWS has none, and fragments are not forms). */
    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A stray '%': keep the text as it came; the verifier will call such a token malformed.
            return value;
        }
    }
}
