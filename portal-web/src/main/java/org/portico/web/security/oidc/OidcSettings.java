package org.portico.web.security.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * OpenID Connect login settings, read once at start-up from MicroProfile Config (system properties, then
 * environment variables such as {@code PORTICO_OIDC_ISSUER}). OIDC login is off unless {@code portico.oidc.issuer}
 * is set; then client id and secret are required and everything else has a default.
 * <p>
 * Validation is syntactic only: whether the provider answers is found out when someone clicks "Sign in with …",
 * so that Portico deploys and serves form login while the provider is down. Immutable; {@link #toString()} never
 * shows the client secret.
 *
 * @param issuer      the provider's issuer URL; {@code null} when OIDC login is off
 * @param clientId    Portico's client id at the provider
 * @param secret      Portico's client secret at the provider
 * @param scopes      the scopes asked for, always including {@code openid}
 * @param roles       how the provider's groups or roles become Portico roles
 * @param displayName the provider's name on the login button ("Sign in with …")
 */
public record OidcSettings(URI issuer, String clientId, String secret, List<String> scopes, RoleMapping roles,
                           String displayName) {

    public static final String PREFIX = "portico.oidc.";
    static final String ISSUER = PREFIX + "issuer";
    static final String CLIENT_ID = PREFIX + "client-id";
    static final String CLIENT_SECRET = PREFIX + "client-secret";
    static final String SCOPES = PREFIX + "scopes";
    static final String DISPLAY_NAME = PREFIX + "display-name";

    static final String DEFAULT_SCOPES = "openid profile email";
    static final String DEFAULT_ROLES_CLAIM = "groups";
    static final String DEFAULT_ROLE = "end-user";

    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private static final OidcSettings OFF = new OidcSettings(null, null, null, List.of(),
            new RoleMapping(DEFAULT_ROLES_CLAIM, Map.of(), Optional.empty()), null);

    public OidcSettings {
        scopes = List.copyOf(scopes);
    }

    /** OIDC login switched off: no button, {@code /login/oidc} answers 404. */
    public static OidcSettings off() {
        return OFF;
    }

    public boolean enabled() {
        return issuer != null;
    }

    /**
     * Reads and checks the settings.
     *
     * @param config looks a key up; empty when it is not set (blank counts as not set)
     * @throws IllegalStateException naming the key and showing a valid value, for the first setting that is wrong
     */
    public static OidcSettings from(Function<String, Optional<String>> config) {
        Function<String, Optional<String>> lookup = key -> config.apply(key).map(String::strip).filter(v -> !v.isEmpty());
        Optional<String> issuer = lookup.apply(ISSUER);
        if (issuer.isEmpty()) {
            for (String dependent : List.of(CLIENT_ID, CLIENT_SECRET, RoleMapping.MAPPING_KEY)) {
                if (lookup.apply(dependent).isPresent()) {
                    throw new IllegalStateException(dependent + " is set but " + ISSUER + " is not: set " + ISSUER
                            + " to the provider's URL, such as https://login.example.org/realms/portico, or remove the "
                            + PREFIX + "* settings to keep OpenID Connect login off");
                }
            }
            return OFF;
        }
        URI issuerUri = issuerUri(issuer.get());
        String clientId = lookup.apply(CLIENT_ID).orElseThrow(() -> new IllegalStateException(
                CLIENT_ID + " must be set when " + ISSUER + " is: Portico's client id at the provider, such as 'portico'"));
        String secret = lookup.apply(CLIENT_SECRET).orElseThrow(() -> new IllegalStateException(CLIENT_SECRET
                + " must be set when " + ISSUER + " is: the secret the provider issued for client '" + clientId
                + "' (best as the environment variable PORTICO_OIDC_CLIENT_SECRET)"));
        List<String> scopes = scopes(lookup.apply(SCOPES).orElse(DEFAULT_SCOPES));
        RoleMapping roles = RoleMapping.parse(lookup.apply(RoleMapping.CLAIM_KEY).orElse(DEFAULT_ROLES_CLAIM),
                lookup.apply(RoleMapping.MAPPING_KEY).orElse(""),
                lookup.apply(RoleMapping.DEFAULT_ROLE_KEY).orElse(DEFAULT_ROLE));
        String displayName = lookup.apply(DISPLAY_NAME).orElse(issuerUri.getHost());
        if (displayName.length() > 40) {
            throw new IllegalStateException(DISPLAY_NAME + " must have at most 40 characters, such as 'Contoso Login',"
                    + " got '" + displayName + "'");
        }
        return new OidcSettings(issuerUri, clientId, secret, scopes, roles, displayName);
    }

    private static URI issuerUri(String value) {
        String example = " must be the provider's issuer URL, https without query or fragment, such as"
                + " https://login.example.org/realms/portico (http only for localhost), got '" + value + "'";
        try {
            // Kept exactly as written: the provider's discovery document must state this very issuer.
            URI uri = new URI(value);
            boolean https = "https".equals(uri.getScheme());
            boolean localHttp = "http".equals(uri.getScheme()) && uri.getHost() != null && LOCAL_HOSTS.contains(uri.getHost());
            if (!(https || localHttp) || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new IllegalStateException(ISSUER + example);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(ISSUER + example, e);
        }
    }

    private static List<String> scopes(String value) {
        List<String> scopes = Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isEmpty()).distinct().toList();
        if (!scopes.contains("openid") || !scopes.stream().allMatch(s -> SCOPE_TOKEN.matcher(s).matches())) {
            throw new IllegalStateException(SCOPES + " must be space-separated scope names including openid, such as '"
                    + DEFAULT_SCOPES + "', got '" + value + "'");
        }
        return scopes;
    }

    /** The issuer's origin (scheme, host, port), for the Content-Security-Policy of pages that post to it. */
    public Optional<String> issuerOrigin() {
        if (!enabled()) {
            return Optional.empty();
        }
        return Optional.of(issuer.getScheme() + "://" + issuer.getRawAuthority());
    }

    @Override
    public String toString() {
        return enabled()
                ? "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", secret=(hidden), scopes=" + scopes
                        + ", roles=" + roles + ", displayName=" + displayName + "]"
                : "OidcSettings[off]";
    }
}
