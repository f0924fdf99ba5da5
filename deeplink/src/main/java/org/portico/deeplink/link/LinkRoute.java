package org.portico.deeplink.link;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.UserClaim;

/**
 * A link route: what {@code /link/{name}/{parameters…}} means — which parameters it takes, where it leads, who may
 * follow it, when, and what travels with the user.
 *
 * <p>All values are checked when the record is created; every problem is reported at once, tied to its field, in an
 * {@link InvalidRouteException}. Checks that need other data (does the app exist, may it receive these claims, are
 * these Portico's roles) belong to the service that stores routes. Build one with {@link #builder(String)}:
 * <pre>{@code
 * LinkRoute invoice = LinkRoute.builder("invoice")
 *         .description("An invoice in Billing")
 *         .parameter(RouteParameter.of("id", ParameterType.INT))
 *         .target(new RouteTarget.AppUrl("billing", "https://billing.example/invoices/{id}"))
 *         .roles("end-user").claims(UserClaim.NAME)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; collections are copied on the way in.
 *
 * @param name           the URL segment: 1 to 63 characters of {@code a-z0-9-}, starting with a letter or digit
 * @param description    what the route is for, up to 500 characters (may be empty)
 * @param parameters     its parameters, at most 20, names unique; path segments fill them in this order
 * @param target         where it leads; placeholders must name declared parameters
 * @param guestsAllowed  whether people who are not logged in may follow it (then no roles may be required)
 * @param roles          the roles of which the user needs at least one; empty: any logged-in user
 * @param enabled        whether it can be followed at all
 * @param validFrom      first instant it can be followed, or {@code null}
 * @param validUntil     instant from which it can no longer be followed, or {@code null}
 * @param window         where outbound links to it open
 * @param oneTime        whether each issued link can be used only once
 * @param tokenLifetime  lifetime of the link token in whole seconds, {@link #MIN_TOKEN_LIFETIME} to {@link #MAX_TOKEN_LIFETIME}
 * @param claims         the user claims that travel in the token (the target app must be allowed to receive them)
 * @param tokenPlacement where the token travels to an app
 */
public record LinkRoute(String name, String description, List<RouteParameter> parameters, RouteTarget target,
                        boolean guestsAllowed, Set<String> roles, boolean enabled, Instant validFrom,
                        Instant validUntil, LinkWindow window, boolean oneTime, Duration tokenLifetime,
                        Set<UserClaim> claims, TokenPlacement tokenPlacement) {

    /** Shortest link token lifetime: one hop on a slow network, with some clock drift. */
    public static final Duration MIN_TOKEN_LIFETIME = Duration.ofSeconds(10);
    /** Longest link token lifetime: a link token is for arriving, not for a session. */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(1);
    /** Link token lifetime when none is configured. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(2);
    /** Most parameters a route may have. */
    public static final int MAX_PARAMETERS = 20;

    /**
     * A route name (the URL segment after {@code /link/}): lower-case letters, digits and dashes, 1 to 63 characters,
     * starting with a letter or digit. The one definition: portal-web checks names with it too.
     */
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final int MAX_DESCRIPTION = 500;
    private static final int MAX_TEMPLATE = 2000;

    /** @throws InvalidRouteException listing every invalid value, tied to its field */
    public LinkRoute {
        description = description == null ? "" : description;
        // Checked as given, copied once valid: the JDK's immutable copies refuse null elements (and contains(null)).
        List<RouteProblem> problems = problems(name, description, parameters, target, guestsAllowed, roles,
                validFrom, validUntil, window, tokenLifetime, claims, tokenPlacement);
        if (!problems.isEmpty()) {
            throw new InvalidRouteException(problems);
        }
        parameters = List.copyOf(parameters);
        roles = Set.copyOf(roles);
        claims = claims.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(claims));
    }

    /** A builder with the defaults: login required, any role, enabled, same tab, reusable, fragment, no claims. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder that starts from this route, for edits. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.description = description;
        b.parameters.addAll(parameters);
        b.target = target;
        b.guestsAllowed = guestsAllowed;
        b.roles.addAll(roles);
        b.enabled = enabled;
        b.validFrom = validFrom;
        b.validUntil = validUntil;
        b.window = window;
        b.oneTime = oneTime;
        b.tokenLifetime = tokenLifetime;
        b.claims.addAll(claims);
        b.tokenPlacement = tokenPlacement;
        return b;
    }

    /** The parameter with this name. */
    public Optional<RouteParameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /** The target app's id, if the route leads into an app. */
    public Optional<String> appId() {
        return target instanceof RouteTarget.AppUrl app ? Optional.of(app.appId()) : Optional.empty();
    }

    /** Whether {@code name} can be a route's name ({@link #NAME_PATTERN}); false for null. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The placeholder names in a template, in order of appearance (repeats included). */
    public static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<RouteProblem> problems(String name, String description, List<RouteParameter> parameters,
                                               RouteTarget target, boolean guestsAllowed, Set<String> roles,
                                               Instant validFrom, Instant validUntil, LinkWindow window,
                                               Duration tokenLifetime, Set<UserClaim> claims,
                                               TokenPlacement tokenPlacement) {
        List<RouteProblem> problems = new ArrayList<>();
        if (!isValidName(name)) {
            problems.add(new RouteProblem("name", RouteText.NAME));
        }
        if (description.length() > MAX_DESCRIPTION) {
            problems.add(new RouteProblem("description", RouteText.DESCRIPTION_TOO_LONG, MAX_DESCRIPTION));
        }
        Set<String> declared = new HashSet<>();
        if (parameters == null || hasNull(parameters)) {
            problems.add(new RouteProblem("parameters", RouteText.PARAMETERS_NOT_A_LIST));
        } else {
            if (parameters.size() > MAX_PARAMETERS) {
                problems.add(new RouteProblem("parameters", RouteText.TOO_MANY_PARAMETERS, MAX_PARAMETERS));
            }
            boolean optionalSeen = false;
            for (int i = 0; i < parameters.size(); i++) {
                RouteParameter p = parameters.get(i);
                String prefix = "parameters[" + i + "].";
                problems.addAll(p.problems(prefix));
                if (p.name() != null && !declared.add(p.name())) {
                    problems.add(new RouteProblem(prefix + "name", RouteText.DECLARED_TWICE, p.name()));
                }
                if (!p.required()) {
                    optionalSeen = true;
                } else if (optionalSeen) {
                    problems.add(new RouteProblem(prefix + "required", RouteText.REQUIRED_AFTER_OPTIONAL));
                }
            }
        }
        problems.addAll(targetProblems(target, declared));
        if (roles == null || hasNull(roles)) {
            problems.add(new RouteProblem("roles", RouteText.ROLES_NOT_A_SET));
        } else {
            if (roles.stream().anyMatch(r -> !ROLE.matcher(r).matches())) {
                problems.add(new RouteProblem("roles", RouteText.ROLE_NAMES));
            }
            if (guestsAllowed && !roles.isEmpty()) {
                problems.add(new RouteProblem("roles", RouteText.GUESTS_WITH_ROLES));
            }
        }
        if (validFrom != null && validUntil != null && !validFrom.isBefore(validUntil)) {
            problems.add(new RouteProblem("validUntil", RouteText.VALID_UNTIL));
        }
        if (window == null) {
            problems.add(new RouteProblem("window", RouteText.WINDOW));
        }
        // Whole seconds: that is what routes are stored, exported and shown with.
        if (tokenLifetime == null || tokenLifetime.compareTo(MIN_TOKEN_LIFETIME) < 0
                || tokenLifetime.compareTo(MAX_TOKEN_LIFETIME) > 0 || tokenLifetime.getNano() != 0) {
            problems.add(new RouteProblem("tokenLifetimeSeconds", RouteText.TOKEN_LIFETIME,
                    MIN_TOKEN_LIFETIME.toSeconds(), MAX_TOKEN_LIFETIME.toSeconds(), DEFAULT_TOKEN_LIFETIME.toSeconds()));
        }
        if (claims == null || hasNull(claims)) {
            problems.add(new RouteProblem("claims", RouteText.CLAIMS_NOT_A_SET));
        }
        if (tokenPlacement == null) {
            problems.add(new RouteProblem("tokenPlacement", RouteText.TOKEN_PLACEMENT));
        }
        return problems;
    }

    private static List<RouteProblem> targetProblems(RouteTarget target, Set<String> declared) {
        List<RouteProblem> problems = new ArrayList<>();
        if (target == null) {
            problems.add(new RouteProblem("target", RouteText.TARGET_REQUIRED));
            return problems;
        }
        String template = target.template();
        String field = target instanceof RouteTarget.AppUrl ? "target.template" : "target.path";
        if (template.isEmpty() || template.length() > MAX_TEMPLATE || template.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            problems.add(new RouteProblem(field, RouteText.TEMPLATE_FORM, MAX_TEMPLATE));
            return problems;
        }
        String withoutPlaceholders = PLACEHOLDER.matcher(template).replaceAll("");
        if (withoutPlaceholders.indexOf('{') >= 0 || withoutPlaceholders.indexOf('}') >= 0) {
            problems.add(new RouteProblem(field, RouteText.UNBALANCED_BRACES, "{", "}", "{id}"));
        }
        for (String placeholder : placeholders(template)) {
            if (!declared.contains(placeholder)) {
                problems.add(new RouteProblem(field, RouteText.UNDECLARED_PLACEHOLDER, "{" + placeholder + "}"));
            }
        }
        if (target instanceof RouteTarget.AppUrl app) {
            if (!AppRegistration.isValidId(app.appId())) {
                problems.add(new RouteProblem("target.appId", RouteText.APP_ID));
            }
            int authorityEnd = authorityEnd(template);
            if (!(template.startsWith("https://") || template.startsWith("http://")) || authorityEnd < 0) {
                problems.add(new RouteProblem(field, RouteText.ABSOLUTE_URL, "https://billing.example/invoices/{id}"));
            } else if (template.substring(0, authorityEnd).contains("{")) {
                problems.add(new RouteProblem(field, RouteText.PLACEHOLDER_IN_HOST));
            }
        } else if (!template.startsWith("/") || template.startsWith("//") || template.startsWith("/\\")
                || template.contains("\\") || template.startsWith("/{")) {
            problems.add(new RouteProblem(field, RouteText.PORTICO_PATH, "/pages/{slug}"));
        }
        return problems;
    }

    /** Null-safe for every collection (immutable JDK collections throw on {@code contains(null)}). */
    private static boolean hasNull(java.util.Collection<?> values) {
        return values.stream().anyMatch(java.util.Objects::isNull);
    }

    /** The index after scheme and authority of an absolute URL template, or -1. */
    private static int authorityEnd(String template) {
        int schemeEnd = template.indexOf("://");
        if (schemeEnd < 0) {
            return -1;
        }
        int start = schemeEnd + 3;
        for (int i = start; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i > start ? i : -1;
            }
        }
        return template.length() > start ? template.length() : -1;
    }

    /** Builds a {@link LinkRoute}; {@link #build()} validates everything at once. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private final List<RouteParameter> parameters = new ArrayList<>();
        private RouteTarget target;
        private boolean guestsAllowed;
        private final Set<String> roles = new LinkedHashSet<>();
        private boolean enabled = true;
        private Instant validFrom;
        private Instant validUntil;
        private LinkWindow window = LinkWindow.SAME_TAB;
        private boolean oneTime;
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private final Set<UserClaim> claims = new LinkedHashSet<>();
        private TokenPlacement tokenPlacement = TokenPlacement.FRAGMENT;

        private Builder(String name) {
            this.name = name;
        }

        public Builder description(String value) { description = value; return this; }
        public Builder parameter(RouteParameter value) { parameters.add(value); return this; }
        public Builder parameters(List<RouteParameter> values) { parameters.clear(); parameters.addAll(values); return this; }
        public Builder target(RouteTarget value) { target = value; return this; }
        public Builder guestsAllowed(boolean value) { guestsAllowed = value; return this; }
        public Builder roles(String... values) { roles.clear(); roles.addAll(List.of(values)); return this; }
        public Builder roles(Set<String> values) { roles.clear(); roles.addAll(values); return this; }
        public Builder enabled(boolean value) { enabled = value; return this; }
        public Builder validFrom(Instant value) { validFrom = value; return this; }
        public Builder validUntil(Instant value) { validUntil = value; return this; }
        public Builder window(LinkWindow value) { window = value; return this; }
        public Builder oneTime(boolean value) { oneTime = value; return this; }
        public Builder tokenLifetime(Duration value) { tokenLifetime = value; return this; }
        public Builder claims(UserClaim... values) { claims.clear(); claims.addAll(List.of(values)); return this; }
        public Builder claims(Set<UserClaim> values) { claims.clear(); claims.addAll(values); return this; }
        public Builder tokenPlacement(TokenPlacement value) { tokenPlacement = value; return this; }

        /** @throws InvalidRouteException listing every invalid value */
        public LinkRoute build() {
            return new LinkRoute(name, description, parameters, target, guestsAllowed, roles, enabled, validFrom,
                    validUntil, window, oneTime, tokenLifetime, claims, tokenPlacement);
        }
    }
}
