package org.portico.deeplink.oauth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The parameters of a token endpoint request ({@code application/x-www-form-urlencoded} body), as a servlet's
 * {@code getParameterMap()} gives them.
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

    /** From a servlet parameter map. */
    public static FormParameters of(Map<String, String[]> parameterMap) {
        return new FormParameters(parameterMap.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
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
