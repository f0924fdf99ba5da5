package org.portico.deeplink.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

/**
 * A typed parameter of a link route, e.g. {@code id} of type {@link ParameterType#INT} in
 * {@code /link/invoice/42}.
 *
 * <p>Values are checked by {@link #check(String)} before they get anywhere near a URL; a checked value is still
 * percent-encoded when a template is expanded, never spliced in as it is.
 *
 * @param name      1 to 32 characters of {@code a-z A-Z 0-9 _}, starting with a letter; unique within the route
 * @param type      its type
 * @param required  whether a link without it is invalid
 * @param values    for {@link ParameterType#ENUM}: the allowed values (1 to 100, each 1 to 100 characters); else empty
 * @param pattern   for {@link ParameterType#PATTERN}: a regular expression in RE2 syntax matched against the whole
 *                  value, else {@code null}. Admins set it and anonymous input runs through it, so it is matched
 *                  by RE2/J in time linear in the value's length: no backtracking, so no catastrophic pattern
 *                  such as {@code (a+)+$}. Backreferences and lookarounds, which need backtracking, are refused.
 * @param maxLength the longest value accepted, 1 to {@value #MAX_LENGTH} (for {@code STRING} and {@code PATTERN};
 *                  {@code INT}, {@code UUID} and {@code ENUM} have their own natural limits)
 */
public record RouteParameter(String name, ParameterType type, boolean required, List<String> values, String pattern,
                             int maxLength) {

    /** Longest value any parameter accepts. */
    public static final int MAX_LENGTH = 500;
    /** Default {@link #maxLength()}. */
    public static final int DEFAULT_MAX_LENGTH = 200;

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    private static final Pattern INT = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public RouteParameter {
        // Not List.copyOf: a null value must reach problems() as a problem, not fail here with an NPE.
        values = values == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** A required parameter of a type without settings: {@code STRING}, {@code INT} or {@code UUID}. */
    public static RouteParameter of(String name, ParameterType type) {
        return new RouteParameter(name, type, true, List.of(), null, DEFAULT_MAX_LENGTH);
    }

    /** A required {@code ENUM} parameter. */
    public static RouteParameter oneOf(String name, List<String> values) {
        return new RouteParameter(name, ParameterType.ENUM, true, values, null, DEFAULT_MAX_LENGTH);
    }

    /** A required {@code PATTERN} parameter. */
    public static RouteParameter matching(String name, String regex) {
        return new RouteParameter(name, ParameterType.PATTERN, true, List.of(), regex, DEFAULT_MAX_LENGTH);
    }

    /** The same parameter, optional. */
    public RouteParameter optional() {
        return new RouteParameter(name, type, false, values, pattern, maxLength);
    }

    /**
     * Checks a value of this parameter and returns its normal form (UUIDs in lower case, integers without a plus sign
     * or leading zeros; everything else as given).
     *
     * @throws InvalidParameterException saying what is expected, without echoing the value
     */
    public String check(String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidParameterException(name, LinkText.REQUIRED);
        }
        switch (type) {
            case INT -> {
                if (!INT.matcher(value).matches()) {
                    throw new InvalidParameterException(name, LinkText.WHOLE_NUMBER);
                }
                return Long.toString(Long.parseLong(value));
            }
            case UUID -> {
                if (!UUID.matcher(value).matches()) {
                    throw new InvalidParameterException(name, LinkText.UUID);
                }
                return value.toLowerCase(Locale.ROOT);
            }
            case ENUM -> {
                if (!values.contains(value)) {
                    throw new InvalidParameterException(name, LinkText.ONE_OF, String.join(", ", values));
                }
                return value;
            }
            case STRING, PATTERN -> {
                if (value.length() > maxLength) {
                    throw new InvalidParameterException(name, LinkText.TOO_LONG, maxLength);
                }
                if (hasControl(value)) {
                    throw new InvalidParameterException(name, LinkText.CONTROL_CHARACTERS);
                }
                if (type == ParameterType.PATTERN && !compiled().map(p -> p.matcher(value).matches()).orElse(false)) {
                    throw new InvalidParameterException(name, LinkText.UNEXPECTED_FORM);
                }
                return value;
            }
            default -> throw new IllegalStateException("unknown type " + type);
        }
    }

    /** The problems of this definition, with field names prefixed by {@code prefix} (e.g. {@code parameters[0].}). */
    List<RouteProblem> problems(String prefix) {
        List<RouteProblem> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new RouteProblem(prefix + "name", RouteText.PARAMETER_NAME));
        }
        if (type == null) {
            problems.add(new RouteProblem(prefix + "type", RouteText.PARAMETER_TYPE));
            return problems;
        }
        if (maxLength < 1 || maxLength > MAX_LENGTH) {
            problems.add(new RouteProblem(prefix + "maxLength", RouteText.MAX_LENGTH, MAX_LENGTH));
        }
        if (type == ParameterType.ENUM) {
            if (values.isEmpty() || values.size() > 100) {
                problems.add(new RouteProblem(prefix + "values", RouteText.ENUM_VALUE_COUNT));
            } else if (values.stream().anyMatch(v -> v == null || v.isEmpty() || v.length() > 100 || hasControl(v))) {
                problems.add(new RouteProblem(prefix + "values", RouteText.ENUM_VALUE_FORM));
            } else if (values.stream().distinct().count() != values.size()) {
                problems.add(new RouteProblem(prefix + "values", RouteText.ENUM_VALUES_REPEAT));
            }
        } else if (!values.isEmpty()) {
            problems.add(new RouteProblem(prefix + "values", RouteText.VALUES_ONLY_FOR_ENUM));
        }
        if (type == ParameterType.PATTERN) {
            patternProblem(prefix + "pattern").ifPresent(problems::add);
        } else if (pattern != null && !pattern.isEmpty()) {
            problems.add(new RouteProblem(prefix + "pattern", RouteText.PATTERN_ONLY_FOR_PATTERN));
        }
        return problems;
    }

    private Optional<RouteProblem> patternProblem(String field) {
        if (pattern == null || pattern.isEmpty() || pattern.length() > 200) {
            return Optional.of(new RouteProblem(field, RouteText.PATTERN_REQUIRED, "[A-Z]{2}-[0-9]{4}"));
        }
        try {
            com.google.re2j.Pattern.compile(pattern);
            return Optional.empty();
        } catch (com.google.re2j.PatternSyntaxException e) {
            if (isJavaRegex(pattern)) {
                // Valid for java.util.regex, which backtracks: a backreference, lookaround, possessive or atomic group.
                return Optional.of(new RouteProblem(field, RouteText.PATTERN_BACKTRACKING, e.getDescription()));
            }
            return Optional.of(new RouteProblem(field, RouteText.PATTERN_INVALID, e.getDescription()));
        }
    }

    private static boolean isJavaRegex(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    /**
     * The compiled pattern, or empty when it does not compile (a route saved before patterns had to be RE2: such
     * a route fails its own validation and is not followed; this is the guard for a caller that checks a value
     * anyway, which then fails closed).
     */
    private Optional<com.google.re2j.Pattern> compiled() {
        return PatternCache.compile(pattern);
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    /** Compiled patterns, kept so that following a link does not compile its route's regex every time. */
    private static final class PatternCache {
        private static final LoadingCache<String, Optional<com.google.re2j.Pattern>> CACHE =
                Caffeine.newBuilder().maximumSize(1_000).build(PatternCache::tryCompile);

        static Optional<com.google.re2j.Pattern> compile(String regex) {
            return CACHE.get(regex);
        }

        private static Optional<com.google.re2j.Pattern> tryCompile(String regex) {
            try {
                return Optional.of(com.google.re2j.Pattern.compile(regex));
            } catch (com.google.re2j.PatternSyntaxException e) {
                return Optional.empty();
            }
        }
    }
}
