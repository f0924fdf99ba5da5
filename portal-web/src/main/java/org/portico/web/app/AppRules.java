package org.portico.web.app;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.oauth.InternalAddresses;
import org.portico.deeplink.oauth.InternalAddresses.HostResolver;
import org.portico.deeplink.redirect.AppBaseUrl;
import org.portico.deeplink.redirect.AppBaseUrl.InvalidBaseUrlException;
import org.portico.web.problem.FieldMessage;
import org.portico.web.user.Role;

/**
 * What a valid app registration looks like, checked field by field so that one answer lists every problem.
 * Stateless; the checks that need the database (unique id and audience, known exchange audiences) are
 * {@link AppService}'s. The JWKS URL's host is resolved (DNS) to tell an internal address from a public one.
 */
public final class AppRules {

    /** An app id: lower-case letters, digits and dashes, 2 to 63 characters, starting with a letter or digit. */
    public static final String ID_PATTERN = AppRegistration.ID_PATTERN;
    public static final int MIN_LIFETIME = 30;
    public static final int MAX_LIFETIME = 3600;
    public static final int DEFAULT_LIFETIME = 300;
    public static final int MAX_BASE_URLS = 20;
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 1000;
    public static final int MAX_AUDIENCE = 255;
    public static final int MAX_URL = 2048;

    /** What is wrong with a base URL, as the deeplink core found it: the key of the text that says so. */
    private static final Map<InvalidBaseUrlException.Reason, String> BASE_URL_PROBLEMS = Map.of(
            InvalidBaseUrlException.Reason.EMPTY, "problem.app.base-url.empty",
            InvalidBaseUrlException.Reason.NOT_ABSOLUTE, "problem.app.base-url.not-absolute",
            InvalidBaseUrlException.Reason.EXTRAS, "problem.app.base-url.extras",
            InvalidBaseUrlException.Reason.HOST_DOT, "problem.app.base-url.host-dot",
            InvalidBaseUrlException.Reason.DOT_SEGMENT, "problem.app.base-url.dot-segment",
            InvalidBaseUrlException.Reason.PORT, "problem.app.base-url.port",
            InvalidBaseUrlException.Reason.NOT_VALID, "problem.app.base-url.not-valid");

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private AppRules() {
    }

    /**
     * An app registration after the checks: trimmed, normalised, defaults applied. Fields that failed a check are
     * null (or empty) and have an entry in {@link #errors()}. {@code signOnRoles} is null when the draft gave none
     * (see {@link AppDraft#signOnRoles()}).
     */
    public record Checked(String id, String name, String description, String audience, List<AppBaseUrl> baseUrls,
                          Set<UserClaim> claims, int tokenLifetimeSeconds, ClientAuthentication clientAuthentication,
                          String jwksUrl, List<String> exchangeAudiences, boolean trustedForSignOn, boolean enabled,
                          boolean allowInternalJwksHost, Set<Role> signOnRoles, boolean mayBeFramed,
                          Set<SandboxFlag> sandbox, boolean proxied, String upstreamUrl, List<FieldMessage> errors) {

        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    /**
     * Checks every field of the draft.
     *
     * @param checkId       false for updates, where the id is the existing app's and not taken from the draft
     * @param porticoOrigin Portico's own origin ({@code https://portal.example}), for the sandbox rule of framing
     */
    public static Checked check(AppDraft draft, boolean checkId, String porticoOrigin) {
        return check(draft, checkId, porticoOrigin, HostResolver.SYSTEM);
    }

    /** Checks every field of a draft of an app on a server whose origin is none of its base URLs' (tests). */
    static Checked check(AppDraft draft, boolean checkId) {
        return check(draft, checkId, null, HostResolver.SYSTEM);
    }

    /** Checks every field of the draft, resolving the JWKS URL's host with {@code resolver}. */
    static Checked check(AppDraft draft, boolean checkId, HostResolver resolver) {
        return check(draft, checkId, null, resolver);
    }

    /**
     * Checks every field of the draft, resolving the JWKS URL's host with {@code resolver}.
     *
     * @param checkId       false for updates, where the id is the existing app's and not taken from the draft
     * @param porticoOrigin Portico's own origin, or null when it is none of the base URLs' (tests)
     */
    static Checked check(AppDraft draft, boolean checkId, String porticoOrigin, HostResolver resolver) {
        List<FieldMessage> errors = new ArrayList<>();
        String id = checkId ? id(draft.id(), errors) : draft.id();
        String name = text(draft.name(), MAX_NAME, "name", "problem.app.name.empty", "problem.app.name.too-long", errors);
        String description = text(draft.description(), MAX_DESCRIPTION, "description", null,
                "problem.app.description.too-long", errors);
        String audience = audience(draft.audience(), errors);
        List<AppBaseUrl> baseUrls = baseUrls(draft.baseUrls(), errors);
        Set<UserClaim> claims = claims(draft.claims(), errors);
        int lifetime = lifetime(draft.tokenLifetimeSeconds(), errors);
        ClientAuthentication method = ClientAuthentication.findByName(strip(draft.clientAuthentication())).orElse(null);
        if (method == null) {
            errors.add(FieldMessage.of("clientAuthentication", "problem.app.client-authentication.unknown"));
        }
        String jwksUrl = method == ClientAuthentication.PRIVATE_KEY_JWT
                ? jwksUrl(draft.jwksUrl(), draft.allowInternalJwksHost(), resolver, errors) : null;
        List<String> exchange = new ArrayList<>(new LinkedHashSet<>(draft.exchangeAudiences().stream()
                .map(AppRules::strip).filter(value -> !value.isEmpty()).toList()));
        if (audience != null && exchange.contains(audience)) {
            errors.add(FieldMessage.of("exchangeAudiences", "problem.app.exchange-audiences.own"));
        }
        Set<Role> signOnRoles = draft.signOnRoles() == null ? null : signOnRoles(draft.signOnRoles(), errors);
        Set<SandboxFlag> sandbox = sandbox(draft.sandbox(), draft.mayBeFramed(), baseUrls, porticoOrigin, errors);
        String upstreamUrl = draft.proxied() ? upstreamUrl(draft.upstreamUrl(), baseUrls, errors) : null;
        return new Checked(id, name, description, audience, baseUrls, claims, lifetime, method, jwksUrl,
                List.copyOf(exchange), draft.trustedForSignOn(), draft.enabled(),
                jwksUrl != null && draft.allowInternalJwksHost(), signOnRoles, draft.mayBeFramed(), sandbox,
                draft.proxied(), upstreamUrl, List.copyOf(errors));
    }

    /** Trims and lower-cases an id as typed, so that {@code Billing } and {@code billing} are one app. */
    public static String normalizeId(String id) {
        return strip(id).toLowerCase(Locale.ROOT);
    }

    private static String id(String value, List<FieldMessage> errors) {
        String id = normalizeId(value);
        if (!AppRegistration.isValidId(id)) {
            errors.add(FieldMessage.of("id", "problem.app.id.invalid", printable(value)));
            return null;
        }
        return id;
    }

    /**
     * A text field: required when it has an {@code emptyKey} (the message when it is empty), at most {@code max}
     * characters ({@code tooLongKey}: the message with the limit and the length).
     */
    private static String text(String value, int max, String field, String emptyKey, String tooLongKey,
                               List<FieldMessage> errors) {
        String text = strip(value);
        if (text.isEmpty()) {
            if (emptyKey != null) {
                errors.add(FieldMessage.of(field, emptyKey));
            }
            return null;
        }
        if (text.length() > max) {
            errors.add(FieldMessage.of(field, tooLongKey, String.valueOf(max), String.valueOf(text.length())));
            return null;
        }
        return text;
    }

    /**
     * An audience is what the app's tokens carry in {@code aud} and what the app checks: printable ASCII without
     * spaces, and an absolute URI when it has a colon (RFC 7519 StringOrURI), e.g. {@code https://billing.example}.
     */
    private static String audience(String value, List<FieldMessage> errors) {
        String audience = strip(value);
        if (audience.isEmpty() || audience.length() > MAX_AUDIENCE) {
            errors.add(FieldMessage.of("audience", "problem.app.audience.length", String.valueOf(MAX_AUDIENCE)));
            return null;
        }
        if (!audience.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            errors.add(FieldMessage.of("audience", "problem.app.audience.not-ascii", printable(audience)));
            return null;
        }
        if (audience.indexOf(':') >= 0) {
            try {
                URI uri = new URI(audience);
                if (!uri.isAbsolute() || uri.getRawFragment() != null
                        || (uri.getScheme().matches("(?i)https?") && uri.getHost() == null)) {
                    throw new URISyntaxException(audience, "not absolute");
                }
            } catch (URISyntaxException e) {
                errors.add(FieldMessage.of("audience", "problem.app.audience.not-absolute", printable(audience)));
                return null;
            }
        }
        return audience;
    }

    private static List<AppBaseUrl> baseUrls(List<String> values, List<FieldMessage> errors) {
        List<String> given = values.stream().map(AppRules::strip).filter(value -> !value.isEmpty()).toList();
        if (given.isEmpty()) {
            errors.add(FieldMessage.of("baseUrls", "problem.app.base-urls.none"));
            return List.of();
        }
        if (given.size() > MAX_BASE_URLS) {
            errors.add(FieldMessage.of("baseUrls", "problem.app.base-urls.too-many", String.valueOf(MAX_BASE_URLS),
                    String.valueOf(given.size())));
            return List.of();
        }
        Set<AppBaseUrl> parsed = new LinkedHashSet<>();
        for (String value : given) {
            if (value.length() > MAX_URL) {
                errors.add(FieldMessage.of("baseUrls", "problem.app.base-urls.too-long", String.valueOf(MAX_URL)));
                continue;
            }
            try {
                parsed.add(AppBaseUrl.parse(value));
            } catch (InvalidBaseUrlException e) {
                errors.add(FieldMessage.of("baseUrls", BASE_URL_PROBLEMS.get(e.reason()), e.value()));
            }
        }
        return List.copyOf(parsed);
    }

    private static Set<UserClaim> claims(List<String> values, List<FieldMessage> errors) {
        Set<UserClaim> claims = EnumSet.noneOf(UserClaim.class);
        for (String value : values) {
            UserClaim.findByName(strip(value)).ifPresentOrElse(claims::add, () -> errors.add(FieldMessage.of("claims",
                    "problem.app.claims.unknown", printable(value))));
        }
        return claims;
    }

    /** Known role names only, e.g. {@code end-user}; may be empty (the app then signs nobody in). */
    private static Set<Role> signOnRoles(List<String> values, List<FieldMessage> errors) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : values) {
            Role.findByName(strip(value)).ifPresentOrElse(roles::add, () -> errors.add(FieldMessage.of("signOnRoles",
                    "problem.app.sign-on-roles.unknown", printable(value))));
        }
        return roles;
    }

    /**
     * Known sandbox flags only. A frame on Portico's own origin that may run scripts and keeps its origin can remove
     * its own sandbox and act as Portico, so an app that may be framed may not combine {@code allow-scripts} with
     * {@code allow-same-origin} when every base URL of it is on Portico's origin (each of its panes would be). An
     * app with base URLs on Portico's and on other origins may: its panes are checked one by one (a pane on Portico's
     * origin is refused then, see the pane widget).
     */
    private static Set<SandboxFlag> sandbox(List<String> values, boolean mayBeFramed, List<AppBaseUrl> baseUrls,
                                            String porticoOrigin, List<FieldMessage> errors) {
        Set<SandboxFlag> flags = EnumSet.noneOf(SandboxFlag.class);
        for (String value : values) {
            SandboxFlag.findByToken(strip(value)).ifPresentOrElse(flags::add, () -> errors.add(FieldMessage.of("sandbox",
                    "apps.framing.problem.sandbox.unknown", printable(value))));
        }
        if (mayBeFramed && flags.contains(SandboxFlag.ALLOW_SCRIPTS) && flags.contains(SandboxFlag.ALLOW_SAME_ORIGIN)
                && porticoOrigin != null && !baseUrls.isEmpty()
                && baseUrls.stream().allMatch(url -> origin(url).equals(porticoOrigin))) {
            errors.add(FieldMessage.of("sandbox", "apps.framing.problem.sandbox.same-origin", porticoOrigin));
        }
        return flags;
    }

    /**
     * Where a proxied app's requests go: required, in the normalised form of a base URL (http(s), no query, fragment
     * or user info) and under one of the app's base URLs, so the proxy never reaches anything the admin did not
     * register for the app. Unchecked (no error of its own) while the base URLs themselves are wrong.
     */
    private static String upstreamUrl(String value, List<AppBaseUrl> baseUrls, List<FieldMessage> errors) {
        String text = strip(value);
        if (text.isEmpty()) {
            errors.add(FieldMessage.of("upstreamUrl", "apps.proxy.problem.upstream.missing"));
            return null;
        }
        AppBaseUrl upstream;
        try {
            upstream = AppBaseUrl.parse(text);
        } catch (InvalidBaseUrlException e) {
            errors.add(FieldMessage.of("upstreamUrl", "apps.proxy.problem.upstream.invalid", printable(text)));
            return null;
        }
        if (!baseUrls.isEmpty() && baseUrls.stream().noneMatch(base -> under(upstream, base))) {
            errors.add(FieldMessage.of("upstreamUrl", "apps.proxy.problem.upstream.outside", printable(text)));
            return null;
        }
        return upstream.toString();
    }

    /** Whether {@code url} is {@code base} or continues its path at a segment boundary, on the same origin. */
    static boolean under(AppBaseUrl url, AppBaseUrl base) {
        return url.scheme().equals(base.scheme()) && url.host().equals(base.host()) && url.port() == base.port()
                && (url.path().equals(base.path()) || url.path().startsWith(base.path() + "/"));
    }

    /** The RFC 6454 origin of a base URL, {@code scheme://host[:port]} without the scheme's default port. */
    public static String origin(AppBaseUrl url) {
        boolean defaultPort = url.port() == (url.scheme().equals("https") ? 443 : 80);
        return url.scheme() + "://" + url.host() + (defaultPort ? "" : ":" + url.port());
    }

    private static int lifetime(Integer seconds, List<FieldMessage> errors) {
        if (seconds == null) {
            return DEFAULT_LIFETIME;
        }
        if (seconds < MIN_LIFETIME || seconds > MAX_LIFETIME) {
            errors.add(FieldMessage.of("tokenLifetimeSeconds", "problem.app.token-lifetime.range",
                    String.valueOf(MIN_LIFETIME), String.valueOf(MAX_LIFETIME), String.valueOf(seconds)));
            return DEFAULT_LIFETIME;
        }
        return seconds;
    }

    /**
     * The app's JWKS: https, or http for a loopback host (an app developer's machine). Portico fetches it, so a host
     * that resolves to an internal address (loopback, private, link-local…; see {@link InternalAddresses}) is
     * refused unless the admin allowed an internal host for this app. A host that does not resolve (yet) passes:
     * the same check runs again each time the keys are fetched.
     */
    private static String jwksUrl(String value, boolean internalAllowed, HostResolver resolver, List<FieldMessage> errors) {
        String text = strip(value);
        if (text.isEmpty()) {
            errors.add(FieldMessage.of("jwksUrl", "problem.app.jwks-url.missing"));
            return null;
        }
        try {
            if (text.length() > MAX_URL || !text.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw new URISyntaxException(text, "not printable ASCII");
            }
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean allowed = scheme.equals("https") || scheme.equals("http") && LOOPBACK_HOSTS.contains(host);
            if (!allowed || host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(text, "not allowed");
            }
            if (!internalAllowed) {
                Optional<InetAddress> internal = internalAddress(host, resolver);
                if (internal.isPresent()) {
                    errors.add(FieldMessage.of("jwksUrl", "problem.app.jwks-url.internal", printable(host),
                            internal.get().getHostAddress()));
                    return null;
                }
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            errors.add(FieldMessage.of("jwksUrl", "problem.app.jwks-url.invalid", printable(text)));
            return null;
        }
    }

    private static Optional<InetAddress> internalAddress(String host, HostResolver resolver) {
        try {
            return InternalAddresses.findInternal(host, resolver);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /** Keeps a hostile value from breaking a page or a log line when quoted in a message. */
    public static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(100).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > 100 ? out + "…" : out.toString();
    }
}
