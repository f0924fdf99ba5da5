package org.portico.web.settings;

import java.time.Duration;

import org.eclipse.microprofile.config.Config;

/**
 * Reads Portico's typed settings with MicroProfile Config's own converters ({@code Duration} through its
 * {@code parse}, {@code int} built in) and turns a value they reject, or one out of range, into an
 * {@link IllegalStateException} that names the setting, says what a valid value looks like and repeats the one it got:
 * {@code portico.links.one-time-lifetime must be an ISO-8601 duration between PT1M and P90D such as P7D, got 'P1000D'}.
 * Call it where the setting is first needed at start-up, so a bad value stops the deployment.
 *
 * <p>A missing or blank setting takes its default (MicroProfile Config counts an empty value as missing); leading
 * and trailing spaces are ignored. Ranges and
 * defaults are given as text, so the message shows them as the documentation writes them. Stateless.
 */
public final class Settings {

    private Settings() {
    }

    /**
     * A duration setting.
     *
     * @param defaultValue e.g. {@code "P7D"}; also the example in the message
     * @param min          shortest accepted, e.g. {@code "PT1M"}, or null
     * @param max          longest accepted, e.g. {@code "P90D"}, or null
     * @throws IllegalStateException when the value is not an ISO-8601 duration or out of range
     */
    public static Duration duration(Config config, String name, String defaultValue, String min, String max) {
        Duration value = read(config, name, Duration.class, Duration.parse(defaultValue),
                "an ISO-8601 duration", defaultValue, min, max);
        if (min != null && value.compareTo(Duration.parse(min)) < 0
                || max != null && value.compareTo(Duration.parse(max)) > 0) {
            throw invalid(config, name, "an ISO-8601 duration", defaultValue, min, max);
        }
        return value;
    }

    /**
     * A whole-number setting.
     *
     * @param defaultValue also the example in the message
     * @param min          smallest accepted, or null
     * @param max          largest accepted, or null
     * @throws IllegalStateException when the value is not a whole number or out of range
     */
    public static int number(Config config, String name, int defaultValue, Integer min, Integer max) {
        String minText = min == null ? null : min.toString();
        String maxText = max == null ? null : max.toString();
        int value = read(config, name, Integer.class, defaultValue, "a whole number", Integer.toString(defaultValue),
                minText, maxText);
        if (min != null && value < min || max != null && value > max) {
            throw invalid(config, name, "a whole number", Integer.toString(defaultValue), minText, maxText);
        }
        return value;
    }

    private static <T> T read(Config config, String name, Class<T> type, T defaultValue, String kind, String example,
                              String min, String max) {
        String raw = config.getConfigValue(name).getValue();
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            // Stripped first: an environment variable or a properties file easily carries a stray space.
            return config.getConverter(type).orElseThrow().convert(raw.strip());
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw invalid(config, name, kind, example, min, max);
        }
    }

    private static IllegalStateException invalid(Config config, String name, String kind, String example, String min,
                                                 String max) {
        String range = min != null && max != null ? " between " + min + " and " + max
                : min != null ? " of at least " + min : max != null ? " of at most " + max : "";
        return new IllegalStateException(name + " must be " + kind + range + " such as " + example + ", got '"
                + config.getConfigValue(name).getRawValue() + "'");
    }
}
