package org.portico.deeplink.oauth;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.token.AccessToken;
import org.portico.deeplink.token.AccessTokenIssuer;
import org.portico.deeplink.token.AccessTokenRequest;
import org.portico.deeplink.token.AccessTokenVerifier;
import org.portico.deeplink.token.Actor;
import org.portico.deeplink.token.ReplayGuard;
import org.portico.deeplink.token.TokenRejectedException;
import org.portico.deeplink.token.VerifiedAccessToken;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import com.nimbusds.oauth2.sdk.util.ResourceUtils;

/**
 * Token exchange (RFC 8693): an authenticated app trades a Portico token of the user for a token to another app.
 *
 * <p>Policy, in order:
 * <ol>
 *   <li>the client must be allowed to exchange at all (non-empty {@link AppRegistration#exchangeAudiences()}),
 *   else {@code unauthorized_client};</li>
 *   <li>exactly one target ({@code audience} or {@code resource}), naming a registered app's audience that the client
 *   may obtain, else {@code invalid_request} (none) or {@code invalid_target};</li>
 *   <li>the subject token must be a valid Portico access token <em>for the client</em> (its {@code aud} is the client's
 *   audience), unrevoked, else {@code invalid_grant}; with {@code singleUseSubjectTokens} it may be exchanged once;</li>
 *   <li>an actor token must be a valid Portico access token for the client too, and is single-use; it makes the
 *   new token a delegation: {@code act} names the actor, with the subject token's own {@code act} nested inside
 *   (RFC 8693 section 4.1), else {@code invalid_grant}.</li>
 * </ol>
 * The new token keeps the subject's {@code sub}, {@code sid} (so logout revokes it) and, of the user claims in the
 * subject token, those the target app may receive; its {@code client_id} is the requesting client; it never outlives
 * the subject token, so exchanges cannot extend a token's life.
 *
 * <p>Requests are read and responses written by the OAuth 2.0 SDK ({@link TokenExchangeGrant},
 * {@link AccessTokenResponse}); Portico adds the checks RFC 8693 leaves to the server ({@link #request}).
 *
 * <p>Thread-safe.
 *
 * @throws OAuthException from {@link #request} and {@link #exchange}, carrying the RFC 6749 error to send
 */
public final class TokenExchange {

    /** The token types Portico accepts and issues: an OAuth access token, or the same token called a JWT. */
    private static final Set<TokenTypeURI> SUPPORTED_TYPES = Set.of(TokenTypeURI.ACCESS_TOKEN, TokenTypeURI.JWT);
    private static final String SUPPORTED_TYPE_NAMES = TokenTypeURI.ACCESS_TOKEN + " or " + TokenTypeURI.JWT;

    private final AppDirectory apps;
    private final AccessTokenVerifier verifier;
    private final AccessTokenIssuer issuer;
    private final ReplayGuard replayGuard;
    private final boolean singleUseSubjectTokens;
    private final Clock clock;

    /**
     * @param singleUseSubjectTokens whether a subject token may be exchanged only once (default in portal-web: false,
     *                               so one app can call several others with the same user token)
     */
    public TokenExchange(AppDirectory apps, AccessTokenVerifier verifier, AccessTokenIssuer issuer,
                         ReplayGuard replayGuard, boolean singleUseSubjectTokens, Clock clock) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
        this.singleUseSubjectTokens = singleUseSubjectTokens;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads a token exchange request (RFC 8693 section 2.1) with the OAuth 2.0 SDK and checks it for form: grant
     * type, required parameters, supported token types, actor token with its type, absolute resource URIs. Policy
     * (which client may obtain what) is {@link #exchange}'s business.
     *
     * <p>Checked here, before the SDK: the grant type (the SDK would answer another grant type's missing parameters
     * with {@code invalid_request}, where RFC 6749 section 5.2 wants {@code unsupported_grant_type}); the token types
     * (the SDK takes any URI, Portico supports two); an actor token and its type together (the SDK ignores a lone
     * type); the resources (the SDK's error repeats the value, Portico's descriptions never echo input).
     *
     * @param form the body, as {@link OAuthForms#parse} read it
     * @return the request: its grant a {@link TokenExchangeGrant}; no client authentication (that is
     *         {@link ClientAuthenticator}'s) and no endpoint
     * @throws OAuthException {@code unsupported_grant_type} for another grant type; {@code invalid_request} for
     *                        missing or unsupported parameters; {@code invalid_target} for a resource that is not an
     *                        absolute URI without fragment
     */
    public static TokenRequest request(Map<String, List<String>> form) {
        String grantType = required(form, "grant_type");
        if (!GrantType.TOKEN_EXCHANGE.getValue().equals(grantType)) {
            throw new OAuthException(OAuth2Error.UNSUPPORTED_GRANT_TYPE, "grant_type must be " + GrantType.TOKEN_EXCHANGE);
        }
        required(form, "subject_token");
        supportedType(form, "subject_token_type", true);
        boolean actorToken = form.containsKey("actor_token");
        boolean actorTokenType = supportedType(form, "actor_token_type", false);
        if (actorToken && !actorTokenType) {
            throw new OAuthException(OAuth2Error.INVALID_REQUEST, "actor_token_type is required with actor_token");
        }
        if (!actorToken && actorTokenType) {
            throw new OAuthException(OAuth2Error.INVALID_REQUEST, "actor_token_type must not be sent without actor_token");
        }
        supportedType(form, "requested_token_type", false);
        List<String> resources = form.getOrDefault("resource", List.of());
        List<URI> resourceUris;
        try {
            resourceUris = ResourceUtils.parseResourceURIs(resources.isEmpty() ? null : resources);
        } catch (ParseException e) {
            throw new OAuthException(OAuth2Error.INVALID_TARGET, "resource must be an absolute URI without fragment");
        }
        TokenExchangeGrant grant;
        try {
            grant = TokenExchangeGrant.parse(form);
        } catch (ParseException e) {
            // Every parameter the SDK could object to was checked above; its description is a fixed sentence then.
            throw new OAuthException(e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST,
                    "the token exchange request is malformed");
        }
        String scope = MultivaluedMapUtils.getFirstValue(form, "scope");
        return new TokenRequest.Builder(null, grant).scope(scope == null ? null : Scope.parse(scope))
                .resources(resourceUris == null ? new URI[0] : resourceUris.toArray(URI[]::new)).build();
    }

    private static String required(Map<String, List<String>> form, String name) {
        String value = MultivaluedMapUtils.getFirstValue(form, name);
        if (value == null || value.isEmpty()) {
            throw new OAuthException(OAuth2Error.INVALID_REQUEST, "parameter " + name + " is required");
        }
        return value;
    }

    /** Whether {@code name} is present; when it is, it must name a supported token type. */
    private static boolean supportedType(Map<String, List<String>> form, String name, boolean required) {
        String value = required ? required(form, name) : MultivaluedMapUtils.getFirstValue(form, name);
        if (value == null) {
            return false;
        }
        if (SUPPORTED_TYPES.stream().noneMatch(type -> type.getURI().toString().equals(value))) {
            throw new OAuthException(OAuth2Error.INVALID_REQUEST, name + " must be " + SUPPORTED_TYPE_NAMES);
        }
        return true;
    }

    /**
     * Exchanges the subject token for a token to the requested target.
     *
     * @param request the checked request ({@link #request(Map)})
     * @param client  the client, as {@link ClientAuthenticator} authenticated it
     * @return the response (RFC 8693 section 2.2.1), to be sent with {@code Cache-Control: no-store}
     * @throws OAuthException with the error to send; see the class description
     */
    public AccessTokenResponse exchange(TokenRequest request, AppRegistration client) {
        if (client.exchangeAudiences().isEmpty()) {
            throw new OAuthException(OAuth2Error.UNAUTHORIZED_CLIENT, "this client may not use token exchange");
        }
        TokenExchangeGrant grant = (TokenExchangeGrant) request.getAuthorizationGrant();
        Set<String> targets = new LinkedHashSet<>();
        if (grant.getAudience() != null) {
            grant.getAudience().stream().map(Audience::getValue).forEach(targets::add);
        }
        if (request.getResources() != null) {
            request.getResources().stream().map(URI::toString).forEach(targets::add);
        }
        if (targets.isEmpty()) {
            throw new OAuthException(OAuth2Error.INVALID_REQUEST, "audience or resource is required");
        }
        if (targets.size() > 1) {
            throw new OAuthException(OAuth2Error.INVALID_TARGET, "only one audience or resource per request is supported");
        }
        AppRegistration target = apps.findByAudience(targets.iterator().next())
                .orElseThrow(() -> new OAuthException(OAuth2Error.INVALID_TARGET, "the target is not a registered app"));
        if (!client.mayExchangeFor(target.audience())) {
            throw new OAuthException(OAuth2Error.INVALID_TARGET, "this client may not obtain tokens for the target");
        }

        VerifiedAccessToken subject = verified("subject_token", grant.getSubjectToken().getValue(), client,
                singleUseSubjectTokens);
        Actor actor = subject.findActor().orElse(null);
        if (grant.getActorToken() != null) {
            VerifiedAccessToken acting = verified("actor_token", grant.getActorToken().getValue(), client, true);
            if (actor != null && actor.depth() >= Actor.MAX_DEPTH) {
                throw new OAuthException(OAuth2Error.INVALID_GRANT, "the delegation chain is too long");
            }
            actor = new Actor(acting.subject(), acting.clientId(), actor);
        }
        if (!subject.expiresAt().isAfter(clock.instant())) {
            throw new OAuthException(OAuth2Error.INVALID_GRANT, "subject_token is expired");
        }
        AccessToken token = issuer.issue(new AccessTokenRequest(subject.user(), target, client.id(),
                subject.sessionId(), actor, subject.expiresAt()));
        TokenTypeURI issuedType = grant.getRequestedTokenType() != null ? grant.getRequestedTokenType()
                : TokenTypeURI.ACCESS_TOKEN;
        return new AccessTokenResponse(new Tokens(new BearerAccessToken(token.value(), token.expiresIn(), null,
                issuedType), null));
    }

    private VerifiedAccessToken verified(String parameter, String token, AppRegistration client, boolean once) {
        try {
            return once
                    ? verifier.verifyOnce(token, client.audience(), replayGuard, parameter)
                    : verifier.verify(token, client.audience());
        } catch (TokenRejectedException e) {
            // The reason is a fixed word (expired, replayed, wrong_audience...), never token content.
            throw new OAuthException(OAuth2Error.INVALID_GRANT,
                    parameter + " was rejected: " + e.reason().name().toLowerCase(Locale.ROOT));
        }
    }
}
