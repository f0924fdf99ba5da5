package org.portico.deeplink.link;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the deep-link core says to the site admin who defines a route: the problems {@link LinkRoute} and
 * {@link RouteParameter} find, each a {@link RouteProblem} tied to its field. Each text has a message key
 * ({@code deeplink.route.*}, see {@link #key()}) and its English text in {@link java.text.MessageFormat} syntax, which
 * the application's English bundle repeats word for word (portal-web's {@code RouteTextsTest} holds them together).
 * Examples that contain braces are parameters, so that the texts need no quoted braces. The texts of
 * {@link LinkText} are for the person who follows a link; these are for the admin who writes one.
 */
public enum RouteText {

    // ---- the route (LinkRoute) ------------------------------------------------------------------------------------
    NAME("must be 1 to 63 characters of a-z, 0-9 and ''-'', starting with a letter or digit, e.g. ''invoice''"),
    /** {0}: the longest description. */
    DESCRIPTION_TOO_LONG("must be at most {0,number,#} characters"),
    PARAMETERS_NOT_A_LIST("must be a list of parameters (may be empty)"),
    /** {0}: the most parameters. */
    TOO_MANY_PARAMETERS("a route may have at most {0,number,#} parameters"),
    /** {0}: the parameter's name. */
    DECLARED_TWICE("''{0}'' is declared twice"),
    REQUIRED_AFTER_OPTIONAL("required parameters must come before optional ones (path segments fill them in order)"),
    TARGET_REQUIRED("is required: a Portico page or an app URL template"),
    /** {0}: the longest template. */
    TEMPLATE_FORM("must be 1 to {0,number,#} characters without spaces or control characters"),
    /** {0} and {1}: the braces; {2}: an example placeholder. */
    UNBALANCED_BRACES("has an unbalanced ''{0}'' or ''{1}''; placeholders look like {2}"),
    /** {0}: the placeholder with its braces. */
    UNDECLARED_PLACEHOLDER("{0} is not a declared parameter"),
    APP_ID("must name a registered app, e.g. ''billing''"),
    /** {0}: an example template. */
    ABSOLUTE_URL("must be an absolute http(s) URL, e.g. ''{0}''"),
    PLACEHOLDER_IN_HOST("placeholders may be used in the path, query or fragment, never in the host"),
    /** {0}: an example path. */
    PORTICO_PATH("must be a Portico path starting with a single ''/'', e.g. ''{0}'', and may not start with a"
            + " placeholder"),
    ROLES_NOT_A_SET("must be a set of role names (may be empty)"),
    ROLE_NAMES("role names are lower case, e.g. ''end-user''"),
    GUESTS_WITH_ROLES("a route open to guests cannot require roles"),
    VALID_UNTIL("must be after valid from"),
    WINDOW("must be same_tab or new_tab"),
    /** {0}, {1}: the shortest and longest lifetime in seconds; {2}: the default. */
    TOKEN_LIFETIME("must be a whole number of seconds between {0,number,#} and {1,number,#} (default {2,number,#})"),
    CLAIMS_NOT_A_SET("must be a set of name, email, roles (may be empty)"),
    TOKEN_PLACEMENT("must be fragment or query"),

    // ---- a parameter of the route (RouteParameter) ----------------------------------------------------------------
    PARAMETER_NAME("must be 1 to 32 characters of letters, digits and ''_'', starting with a letter, e.g. ''invoiceId''"),
    PARAMETER_TYPE("must be one of string, int, uuid, enum, pattern"),
    /** {0}: the longest value any parameter accepts. */
    MAX_LENGTH("must be between 1 and {0,number,#}"),
    ENUM_VALUE_COUNT("an enum parameter needs 1 to 100 allowed values"),
    ENUM_VALUE_FORM("each allowed value must be 1 to 100 characters without control characters"),
    ENUM_VALUES_REPEAT("allowed values must not repeat"),
    VALUES_ONLY_FOR_ENUM("only enum parameters have allowed values"),
    PATTERN_ONLY_FOR_PATTERN("only pattern parameters have a regular expression"),
    /** {0}: an example regular expression. */
    PATTERN_REQUIRED("a pattern parameter needs a regular expression of 1 to 200 characters, e.g. ''{0}''"),
    /** {0}: what RE2 says about it (English, technical). */
    PATTERN_BACKTRACKING("uses a construct Portico does not run ({0}): patterns are matched in linear time (RE2"
            + " syntax), so backreferences such as \\1, lookarounds such as (?=\u2026) or (?<!\u2026), possessive"
            + " quantifiers and atomic groups are not supported; write it without them"),
    /** {0}: what RE2 says about it (English, technical). */
    PATTERN_INVALID("is not a valid regular expression: {0}");

    private static final Map<String, RouteText> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(RouteText::key, Function.identity()));

    private final String english;

    RouteText(String english) {
        this.english = english;
    }

    /** The message key: {@code deeplink.route.} and the constant's name in lower case with dashes, e.g. {@code deeplink.route.name}. */
    public String key() {
        return "deeplink.route." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The English text, a {@link java.text.MessageFormat} pattern. */
    public String english() {
        return english;
    }

    /** This text with its parameters. */
    public LinkMessage with(Object... params) {
        return LinkMessage.of(key(), params);
    }

    /** The text with this key, if it is one of the core's route texts. */
    public static Optional<RouteText> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }
}
