package org.portico.web.app;

import java.util.List;

/**
 * An app registration as a site admin entered it, not yet checked: the input of {@link AppService#create} and
 * {@link AppService#update}. Lists are copied; nulls mean "not given".
 *
 * @param id                   slug, also the OAuth client id; ignored by updates (an app keeps its id)
 * @param baseUrls             absolute http(s) URLs under which the app lives
 * @param claims               user claim names the app may receive ({@code name}, {@code email}, {@code roles})
 * @param tokenLifetimeSeconds 30 to 3600; null for the default of 300
 * @param clientAuthentication {@code client_secret} or {@code private_key_jwt}
 * @param jwksUrl              the app's JWKS, for {@code private_key_jwt} only
 * @param exchangeAudiences    audiences of other registered apps this app may obtain tokens for by token exchange
 * @param allowInternalJwksHost whether the JWKS may be on a loopback, private or other internal address (an app on
 *                             Portico's own host or network); refused otherwise
 * @param signOnRoles          role names a user signed in by this app's links may have ({@code end-user},
 *                             {@code content-editor}, {@code site-admin}); null for "not given": a new app gets
 *                             {@code end-user} only, an existing one keeps its roles
 * @param mayBeFramed          whether Portico's pages may show the app's pages in a pane (an iframe)
 * @param sandbox              the iframe sandbox flags its panes get ({@code allow-scripts}, {@code allow-forms}…,
 *                             see {@link SandboxFlag})
 * @param proxied              whether Portico serves the app through its reverse proxy at {@code /apps/{id}/}
 * @param upstreamUrl          where the proxy sends its requests: an http(s) URL under one of the base URLs; required
 *                             when proxied, ignored otherwise
 */
public record AppDraft(String id, String name, String description, String audience, List<String> baseUrls,
                       List<String> claims, Integer tokenLifetimeSeconds, String clientAuthentication, String jwksUrl,
                       List<String> exchangeAudiences, boolean trustedForSignOn, boolean enabled,
                       boolean allowInternalJwksHost, List<String> signOnRoles, boolean mayBeFramed,
                       List<String> sandbox, boolean proxied, String upstreamUrl) {

    public AppDraft {
        baseUrls = baseUrls == null ? List.of() : baseUrls.stream().filter(v -> v != null).toList();
        claims = claims == null ? List.of() : claims.stream().filter(v -> v != null).toList();
        exchangeAudiences = exchangeAudiences == null ? List.of()
                : exchangeAudiences.stream().filter(v -> v != null).toList();
        signOnRoles = signOnRoles == null ? null : signOnRoles.stream().filter(v -> v != null).toList();
        sandbox = sandbox == null ? List.of() : sandbox.stream().filter(v -> v != null).toList();
    }

    /** A draft of an app that is not proxied. */
    public AppDraft(String id, String name, String description, String audience, List<String> baseUrls,
                    List<String> claims, Integer tokenLifetimeSeconds, String clientAuthentication, String jwksUrl,
                    List<String> exchangeAudiences, boolean trustedForSignOn, boolean enabled,
                    boolean allowInternalJwksHost, List<String> signOnRoles, boolean mayBeFramed, List<String> sandbox) {
        this(id, name, description, audience, baseUrls, claims, tokenLifetimeSeconds, clientAuthentication, jwksUrl,
                exchangeAudiences, trustedForSignOn, enabled, allowInternalJwksHost, signOnRoles, mayBeFramed, sandbox,
                false, null);
    }

    /** A draft of an app that may not be framed. */
    public AppDraft(String id, String name, String description, String audience, List<String> baseUrls,
                    List<String> claims, Integer tokenLifetimeSeconds, String clientAuthentication, String jwksUrl,
                    List<String> exchangeAudiences, boolean trustedForSignOn, boolean enabled,
                    boolean allowInternalJwksHost, List<String> signOnRoles) {
        this(id, name, description, audience, baseUrls, claims, tokenLifetimeSeconds, clientAuthentication, jwksUrl,
                exchangeAudiences, trustedForSignOn, enabled, allowInternalJwksHost, signOnRoles, false, List.of());
    }

    /**
     * A draft whose JWKS, if any, must be on a public host, that leaves the sign-on roles as they are (or at their
     * default for a new app), of an app that may not be framed.
     */
    public AppDraft(String id, String name, String description, String audience, List<String> baseUrls,
                    List<String> claims, Integer tokenLifetimeSeconds, String clientAuthentication, String jwksUrl,
                    List<String> exchangeAudiences, boolean trustedForSignOn, boolean enabled) {
        this(id, name, description, audience, baseUrls, claims, tokenLifetimeSeconds, clientAuthentication, jwksUrl,
                exchangeAudiences, trustedForSignOn, enabled, false, null);
    }
}
