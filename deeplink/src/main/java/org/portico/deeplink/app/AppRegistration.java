package org.portico.deeplink.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.portico.deeplink.redirect.AppBaseUrl;

/**
 * A registered app: a target of links and widgets, a receiver of access tokens and a client of the token endpoint.
 *
 * <p>All values are checked when the record is created; every problem is reported at once in an
 * {@link InvalidAppException}. Build one with {@link #builder(String)} for readable code:
 * <pre>{@code
 * AppRegistration billing = AppRegistration.builder("billing")
 *         .name("Billing").baseUrl("https://billing.example").audience("https://billing.example")
 *         .allowedClaims(UserClaim.NAME, UserClaim.EMAIL)
 *         .clientAuthentication(ClientSecret.generate().stored())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; collections are copied on the way in.
 *
 * @param id                   the app id and its OAuth {@code client_id}: 2 to 63 characters of {@code a-z0-9-},
 *                             starting with a letter or digit
 * @param name                 display name, 1 to 100 characters without control characters
 * @param baseUrls             the allowlist every link and widget into this app is checked against; at least one
 * @param audience             the {@code aud} of tokens for this app: usually its base URL or its id
 * @param allowedClaims        the user claims its tokens may carry
 * @param tokenLifetime        lifetime of its access tokens, {@link #MIN_TOKEN_LIFETIME} to {@link #MAX_TOKEN_LIFETIME}
 * @param clientAuthentication how it authenticates at the token endpoint
 * @param exchangeAudiences    the audiences this app may obtain by token exchange (empty: it may not exchange)
 * @param trustedForSignOn     whether signed links from this app may log a user in to Portico
 * @param signOnRoles          the roles a user signed in by this app's links may have: every role of the user must be
 *                             in here, or the link signs nobody in; {@link #DEFAULT_SIGN_ON_ROLES} unless the admin
 *                             chose otherwise
 */
public record AppRegistration(String id, String name, List<AppBaseUrl> baseUrls, String audience,
                              Set<UserClaim> allowedClaims, Duration tokenLifetime,
                              ClientAuthentication clientAuthentication, Set<String> exchangeAudiences,
                              boolean trustedForSignOn, Set<String> signOnRoles) {

    /** Shortest token lifetime: long enough for one hop across a slow network. */
    public static final Duration MIN_TOKEN_LIFETIME = Duration.ofSeconds(30);
    /** Longest token lifetime; signing keys stay published this long after they retire. */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(1);
    /** Roles a trusted app may sign users in with when the admin chose none: only ordinary users. */
    public static final Set<String> DEFAULT_SIGN_ON_ROLES = Set.of("end-user");

    /** Token lifetime when none is configured. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);

    /**
     * An app id (also its OAuth {@code client_id} and a URL segment): lower-case letters, digits and dashes, 2 to 63
     * characters, starting with a letter or digit. The one definition: portal-web checks ids with it too.
     */
    public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{1,62}";

    private static final Pattern ID = Pattern.compile(ID_PATTERN);
    private static final int MAX_NAME = 100;
    private static final int MAX_AUDIENCE = 512;

    /** Whether {@code id} can be an app's id ({@link #ID_PATTERN}); false for null. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** @throws InvalidAppException listing every invalid value */
    public AppRegistration {
        List<String> problems = new ArrayList<>();
        if (!isValidId(id)) {
            problems.add("id must be 2 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit,"
                    + " e.g. 'billing', got " + quote(id));
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME || hasControl(name)) {
            problems.add("name must be 1 to " + MAX_NAME + " characters without line breaks, e.g. 'Billing'");
        }
        if (baseUrls == null || baseUrls.isEmpty() || baseUrls.contains(null)) {
            problems.add("at least one base URL is required, e.g. 'https://billing.example'");
        }
        String audienceProblem = audienceProblem(audience);
        if (audienceProblem != null) {
            problems.add("audience " + audienceProblem);
        }
        if (allowedClaims == null || allowedClaims.contains(null)) {
            problems.add("allowed claims must be a set of name, email, roles (may be empty)");
        }
        if (tokenLifetime == null || tokenLifetime.compareTo(MIN_TOKEN_LIFETIME) < 0
                || tokenLifetime.compareTo(MAX_TOKEN_LIFETIME) > 0) {
            problems.add("token lifetime must be between " + MIN_TOKEN_LIFETIME + " and " + MAX_TOKEN_LIFETIME
                    + " (default " + DEFAULT_TOKEN_LIFETIME + "), got " + tokenLifetime);
        }
        if (clientAuthentication == null) {
            problems.add("client authentication is required: a client secret or a JWKS URL for private_key_jwt");
        }
        if (exchangeAudiences == null) {
            problems.add("exchange audiences must be a set (may be empty)");
        } else {
            for (String target : exchangeAudiences) {
                String problem = audienceProblem(target);
                if (problem != null) {
                    problems.add("exchange audience " + problem);
                }
            }
        }
        if (signOnRoles == null || signOnRoles.stream().anyMatch(java.util.Objects::isNull)) {
            problems.add("sign-on roles must be a set of role names, e.g. [end-user] (may be empty)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidAppException(problems);
        }
        baseUrls = List.copyOf(new LinkedHashSet<>(baseUrls));
        allowedClaims = allowedClaims.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowedClaims));
        exchangeAudiences = Set.copyOf(exchangeAudiences);
        signOnRoles = Set.copyOf(signOnRoles);
    }

    /**
     * A builder with the defaults: no claims, {@link #DEFAULT_TOKEN_LIFETIME}, no exchange, not trusted, sign-on roles
     * {@link #DEFAULT_SIGN_ON_ROLES}.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder that starts from this registration, for edits. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.name = name;
        b.baseUrls.addAll(baseUrls);
        b.audience = audience;
        b.allowedClaims.addAll(allowedClaims);
        b.tokenLifetime = tokenLifetime;
        b.clientAuthentication = clientAuthentication;
        b.exchangeAudiences.addAll(exchangeAudiences);
        b.trustedForSignOn = trustedForSignOn;
        b.signOnRoles = signOnRoles;
        return b;
    }

    /** Whether this app may obtain tokens for {@code targetAudience} by token exchange. */
    public boolean mayExchangeFor(String targetAudience) {
        return exchangeAudiences.contains(targetAudience);
    }

    /**
     * Whether a link from this app may sign in a user with these roles: the app is trusted for sign-on and every one
     * of the roles is in its {@link #signOnRoles()}.
     */
    public boolean maySignIn(Set<String> userRoles) {
        return trustedForSignOn && signOnRoles.containsAll(userRoles);
    }

    private static String audienceProblem(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_AUDIENCE) {
            return "must be 1 to " + MAX_AUDIENCE + " characters, e.g. 'https://billing.example' or 'billing'";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return "must be printable ASCII without spaces, got " + quote(value);
            }
        }
        if (value.indexOf(':') >= 0) {
            try {
                URI uri = new URI(value);
                if (!uri.isAbsolute() || uri.getRawFragment() != null) {
                    return "that contains ':' must be an absolute URI without fragment, got " + quote(value);
                }
            } catch (URISyntaxException e) {
                return "that contains ':' must be an absolute URI without fragment, got " + quote(value);
            }
        }
        return null;
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    }

    private static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        StringBuilder out = new StringBuilder("'");
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('\'').toString();
    }

    /** Builds an {@link AppRegistration}; not thread-safe. */
    public static final class Builder {
        private final String id;
        private String name;
        private final List<AppBaseUrl> baseUrls = new ArrayList<>();
        private String audience;
        private final Set<UserClaim> allowedClaims = EnumSet.noneOf(UserClaim.class);
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private ClientAuthentication clientAuthentication;
        private final Set<String> exchangeAudiences = new LinkedHashSet<>();
        private boolean trustedForSignOn;
        private Set<String> signOnRoles = DEFAULT_SIGN_ON_ROLES;

        private Builder(String id) {
            this.id = id;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Adds a base URL; parsed with {@link AppBaseUrl#parse(String)}, which throws IllegalArgumentException. */
        public Builder baseUrl(String url) {
            baseUrls.add(AppBaseUrl.parse(url));
            return this;
        }

        public Builder baseUrl(AppBaseUrl url) {
            baseUrls.add(url);
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder allowedClaims(UserClaim... claims) {
            allowedClaims.clear();
            allowedClaims.addAll(List.of(claims));
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        public Builder clientAuthentication(ClientAuthentication authentication) {
            this.clientAuthentication = authentication;
            return this;
        }

        public Builder exchangeAudiences(String... audiences) {
            exchangeAudiences.clear();
            exchangeAudiences.addAll(List.of(audiences));
            return this;
        }

        public Builder trustedForSignOn(boolean trusted) {
            this.trustedForSignOn = trusted;
            return this;
        }

        /** The roles a user signed in by this app's links may have (see {@link AppRegistration#signOnRoles()}). */
        public Builder signOnRoles(Set<String> roles) {
            this.signOnRoles = roles;
            return this;
        }

        /** Whether {@code id} can be an app's id ({@link #ID_PATTERN}); false for null. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** @throws InvalidAppException listing every invalid value */
        public AppRegistration build() {
            return new AppRegistration(id, name, baseUrls, audience, allowedClaims, tokenLifetime,
                    clientAuthentication, exchangeAudiences, trustedForSignOn, signOnRoles);
        }
    }
}
