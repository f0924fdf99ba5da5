package org.portico.web.security.oidc;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

/**
 * Portico as an OpenID Connect relying party, on the Nimbus OAuth 2.0 / OIDC SDK: discovery, the authorization
 * request (code flow, state, nonce, PKCE S256), redeeming the code (client secret), ID token validation (signature
 * against the provider's JWKS, issuer, audience, expiry, nonce), user info, and the RP-initiated logout address.
 * <p>
 * <b>Why not Soteria's {@code @OpenIdAuthenticationMechanismDefinition}:</b> Jakarta Security 3.0 allows one
 * authentication mechanism per application, so it could not sit beside the form login; its settings are fixed by an
 * annotation (EL can read them, but it is always on); and it fetches the discovery document on first use and
 * answers 500 when the provider is unreachable. WildFly's {@code elytron-oidc-client} replaces the application's
 * mechanism as well and is configured per deployment outside MicroProfile Config. Here the provider is asked only
 * when someone clicks "Sign in with …": the discovery document is fetched fresh on each login start with short
 * timeouts, so a provider that is down gives a message on the login page, and a changed provider is picked up
 * without a restart. The JWKS is cached (Nimbus {@link JWKSourceBuilder}) and refetched for an unknown key id.
 * <p>
 * Thread-safe.
 */
@ApplicationScoped
public class OidcClient {

    private static final Logger LOG = Logger.getLogger(OidcClient.class.getName());

    /** Connect and read timeout for every call to the provider: a user is waiting on each. */
    static final int TIMEOUT_MILLIS = 3000;
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;

    /** The discovery document and the ID token validator built from it. */
    record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {
    }

    @Inject
    OidcSettings settings;

    private final AtomicReference<Provider> lastDiscovered = new AtomicReference<>();

    /**
     * Fetches the provider's discovery document now (its issuer must be exactly the configured one).
     *
     * @throws OidcLoginException {@link OidcFailure#UNAVAILABLE} if the provider does not answer, or answers with
     *                            something that is not its discovery document
     */
    Provider discover() throws OidcLoginException {
        Issuer issuer = new Issuer(settings.issuer());
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(issuer, TIMEOUT_MILLIS, TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new OidcLoginException(OidcFailure.UNAVAILABLE, "OpenID provider " + issuer + " is unreachable: " + e, e);
        } catch (GeneralException e) {
            throw new OidcLoginException(OidcFailure.UNAVAILABLE, "OpenID provider " + issuer
                    + " answered with an unusable discovery document (check portico.oidc.issuer): " + e.getMessage(), e);
        }
        Provider previous = lastDiscovered.get();
        Provider current = previous != null && previous.metadata().getJWKSetURI().equals(metadata.getJWKSetURI())
                ? new Provider(metadata, previous.validator()) // keeps the cached keys
                : new Provider(metadata, validator(metadata));
        lastDiscovered.set(current);
        return current;
    }

    private Provider provider() throws OidcLoginException {
        Provider known = lastDiscovered.get();
        return known != null ? known : discover();
    }

    private IDTokenValidator validator(OIDCProviderMetadata metadata) throws OidcLoginException {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, JWKS_SIZE_LIMIT)).build();
            // Only asymmetric signatures: an HMAC ID token would be signed with the client secret, and "none" is no
            // signature at all. RS256 is what every provider must support.
            Set<JWSAlgorithm> algorithms = Optional.ofNullable(metadata.getIDTokenJWSAlgs()).orElse(List.of()).stream()
                    .filter(JWSAlgorithm.Family.SIGNATURE::contains)
                    .collect(Collectors.toSet());
            if (algorithms.isEmpty()) {
                algorithms = Set.of(JWSAlgorithm.RS256);
            }
            return new IDTokenValidator(new Issuer(settings.issuer()), new ClientID(settings.clientId()),
                    new JWSVerificationKeySelector<>(algorithms, keys), null);
        } catch (MalformedURLException e) {
            throw new OidcLoginException(OidcFailure.UNAVAILABLE, "The provider's jwks_uri is not a URL: " + metadata.getJWKSetURI(), e);
        }
    }

    /** The address of the provider's login page for this login (authorization request, code flow with PKCE). */
    URI authorizationUri(Provider provider, PendingLogin login, URI redirectUri) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(settings.scopes().toArray(String[]::new)),
                new ClientID(settings.clientId()), redirectUri)
                .endpointURI(provider.metadata().getAuthorizationEndpointURI())
                .state(new State(login.state()))
                .nonce(new Nonce(login.nonce()))
                .codeChallenge(new CodeVerifier(login.codeVerifier()), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /**
     * Redeems the authorization code at the token endpoint and validates the ID token; adds the user info claims.
     *
     * @throws OidcLoginException {@link OidcFailure#UNAVAILABLE} when the provider does not answer,
     *                            {@link OidcFailure#FAILED} when it refuses the code or its answer does not validate
     */
    OidcTokens redeem(OidcCredential credential) throws OidcLoginException {
        Provider provider = provider();
        OIDCProviderMetadata metadata = provider.metadata();
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), clientAuthentication(metadata),
                new AuthorizationCodeGrant(new AuthorizationCode(credential.code()), credential.redirectUri(),
                        new CodeVerifier(credential.login().codeVerifier())));
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(send(request.toHTTPRequest()).send());
        } catch (IOException e) {
            throw new OidcLoginException(OidcFailure.UNAVAILABLE, "Token endpoint unreachable: " + e, e);
        } catch (ParseException e) {
            throw new OidcLoginException(OidcFailure.FAILED, "Unreadable token response: " + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            throw new OidcLoginException(OidcFailure.FAILED, "The provider refused the authorization code: "
                    + response.toErrorResponse().getErrorObject());
        }
        OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
        JWT idToken = tokens.getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new OidcLoginException(OidcFailure.FAILED, "The token response has no ID token (is 'openid' among the scopes?)");
        }
        IDTokenClaimsSet claims;
        try {
            claims = provider.validator().validate(idToken, new Nonce(credential.login().nonce()));
        } catch (BadJOSEException | JOSEException e) {
            throw new OidcLoginException(OidcFailure.FAILED, "ID token rejected: " + e.getMessage(), e);
        }
        Map<String, Object> all = new HashMap<>(userInfo(metadata, tokens.getOIDCTokens().getBearerAccessToken(),
                claims.getSubject().getValue()));
        all.putAll(claims.toJSONObject()); // the signed ID token wins where both have a claim
        return new OidcTokens(idToken.serialize(), claims.getIssuer().getValue(), claims.getSubject().getValue(), all);
    }

    private ClientAuthentication clientAuthentication(OIDCProviderMetadata metadata) {
        ClientID id = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.secret());
        List<ClientAuthenticationMethod> supported = metadata.getTokenEndpointAuthMethods();
        boolean postOnly = supported != null && !supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        return postOnly ? new ClientSecretPost(id, secret) : new ClientSecretBasic(id, secret);
    }

    private Map<String, Object> userInfo(OIDCProviderMetadata metadata, BearerAccessToken accessToken, String subject)
            throws OidcLoginException {
        if (metadata.getUserInfoEndpointURI() == null || accessToken == null) {
            return Map.of();
        }
        try {
            UserInfoResponse response = UserInfoResponse.parse(
                    send(new UserInfoRequest(metadata.getUserInfoEndpointURI(), accessToken).toHTTPRequest()).send());
            if (!response.indicatesSuccess()) {
                throw new OidcLoginException(OidcFailure.FAILED, "User info refused: " + response.toErrorResponse().getErrorObject());
            }
            UserInfo info = response.toSuccessResponse().getUserInfo();
            if (info == null || !subject.equals(info.getSubject().getValue())) {
                // OIDC Core 5.3.2: the user info response must be about the ID token's subject, else it is ignored.
                throw new OidcLoginException(OidcFailure.FAILED, "User info is about another subject than the ID token");
            }
            return info.toJSONObject();
        } catch (IOException e) {
            throw new OidcLoginException(OidcFailure.UNAVAILABLE, "User info endpoint unreachable: " + e, e);
        } catch (ParseException e) {
            throw new OidcLoginException(OidcFailure.FAILED, "Unreadable user info response: " + e.getMessage(), e);
        }
    }

    private static HTTPRequest send(HTTPRequest request) {
        request.setConnectTimeout(TIMEOUT_MILLIS);
        request.setReadTimeout(TIMEOUT_MILLIS);
        return request;
    }

    /**
     * The provider's logout address for RP-initiated logout, with the ID token as hint and the page to come back to;
     * empty if the provider has no {@code end_session_endpoint} or cannot be reached (then the logout is local only).
     */
    Optional<URI> endSessionUri(String idToken, URI postLogoutRedirect) {
        try {
            URI endpoint = discover().metadata().getEndSessionEndpointURI();
            if (endpoint == null) {
                return Optional.empty();
            }
            return Optional.of(new LogoutRequest(endpoint, JWTParser.parse(idToken), postLogoutRedirect, null).toURI());
        } catch (OidcLoginException e) {
            LOG.log(Level.WARNING, "Logout at the OpenID provider skipped, local logout only: {0}", e.getMessage());
            return Optional.empty();
        } catch (java.text.ParseException e) {
            LOG.log(Level.WARNING, "Logout at the OpenID provider skipped, the stored ID token is unreadable: {0}", e.getMessage());
            return Optional.empty();
        }
    }
}
