package org.portico.deeplink.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parameters of a token endpoint request ({@code application/x-www-form-urlencoded} body), {@linkplain #parse
 * parsed from the body alone}. Not from a servlet's {@code getParameterMap()}: that merges the URL query into the
 * body, and RFC 6749 section 2.3.1 allows credentials only in the body or the {@code Authorization} header — a secret
 * in a URL ends up in access logs, proxies and browser histories. {@link #refuseCredentialsIn} turns such a query
 * into {@code invalid_request}.
 *
 * <p>RFC 6749 section 3.2: a parameter must not appear more than once, and an empty value counts as absent.
 * Immutable and thread-safe.
 *
 * @param values every parameter with all its values
 */
public record FormParameters(Map<String, List<String>> values) {

    public FormParameters {
        values = values.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> List.copyOf(e.getValue())));
    }

    /**
     * Parameters that carry a credential or a token: accepted only in the form body or the {@code Authorization}
     * header, never in the URL query.
     */
    public static final Set<String> CREDENTIAL_PARAMETERS = Set.of("client_id", "client_secret", "client_assertion",
            "client_assertion_type", "subject_token", "actor_token", "token", "access_token");

    /** From a servlet parameter map. */
    public static FormParameters of(Map<String, String[]> parameterMap) {
        return new FormParameters(parameterMap.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
    }

    /**
     * Parses {@code application/x-www-form-urlencoded} text (a request body, or a raw URL query) as UTF-8; null or
     * empty text gives no parameters.
     *
     * @throws OAuthException {@code invalid_request} when a percent escape is malformed
     */
    public static FormParameters parse(String urlencoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (urlencoded != null && !urlencoded.isEmpty()) {
            for (String pair : urlencoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new FormParameters(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OAuthException(OAuthError.Code.INVALID_REQUEST, "the form is not correctly URL-encoded");
        }
    }

    /**
     * Refuses a URL query that carries any of the {@link #CREDENTIAL_PARAMETERS}, even empty.
     *
     * @param query the request's URL query, parsed with {@link #parse}
     * @throws OAuthException {@code invalid_request} naming the parameter (never its value)
     */
    public static void refuseCredentialsIn(FormParameters query) {
        query.values().keySet().stream().filter(CREDENTIAL_PARAMETERS::contains).sorted().findFirst()
                .ifPresent(name -> {
                    throw new OAuthException(OAuthError.Code.INVALID_REQUEST, "parameter " + name
                            + " must be sent in the form body, never in the URL query (RFC 6749 section 2.3.1)");
                });
    }

    /**
     * The single value of {@code name}, or empty when it is absent or empty.
     *
     * @throws OAuthException {@code invalid_request} when it appears more than once
     */
    public Optional<String> find(String name) {
        List<String> all = values.get(name);
        if (all == null || all.isEmpty()) {
            return Optional.empty();
        }
        if (all.size() > 1) {
            throw new OAuthException(OAuthError.Code.INVALID_REQUEST, "parameter " + name + " is repeated");
        }
        return Optional.of(all.get(0)).filter(v -> !v.isEmpty());
    }

    /**
     * The single value of {@code name}.
     *
     * @throws OAuthException {@code invalid_request} when it is absent, empty or repeated
     */
    public String get(String name) {
        return find(name).orElseThrow(() -> new OAuthException(OAuthError.Code.INVALID_REQUEST,
                "parameter " + name + " is required"));
    }

    /** Every non-empty value of a parameter that may repeat ({@code audience}, {@code resource}). */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of()).stream().filter(v -> !v.isEmpty()).toList();
    }
}
