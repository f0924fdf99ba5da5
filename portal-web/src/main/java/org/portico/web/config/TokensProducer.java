package org.portico.web.config;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;


import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.ClientAuthentication;
import org.portico.deeplink.app.ClientSecretHasher;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.oauth.ClientAuthenticator;
import org.portico.deeplink.oauth.ClientJwkSources;
import org.portico.deeplink.oauth.Introspection;
import org.portico.deeplink.oauth.JwksRetriever;
import org.portico.deeplink.oauth.TokenExchange;
import org.portico.deeplink.token.AccessTokenIssuer;
import org.portico.deeplink.token.AccessTokenVerifier;
import org.portico.deeplink.token.ReplayGuard;
import org.portico.deeplink.token.RevocationList;
import org.portico.web.app.JpaAppDirectory;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;
import org.portico.web.security.DatabaseThrottleStore;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.token.DatabaseReplayGuard;
import org.portico.web.token.DatabaseRevocationList;
import org.portico.web.token.TokenStateStore;
import javax.sql.DataSource;

/**
 * Wires the token layer of {@code deeplink} into CDI: issuer, verifier, client authentication, token exchange and
 * introspection. All are thread-safe singletons. The replay guard and the revocation list are in the database with a
 * cache in front ({@code token/}), so a logout or a used single-use token counts on every node and after a restart.
 * <p>
 * {@code portico.tokens.single-use-subject-tokens} (default false): whether a subject token may be exchanged only once.
 */
@ApplicationScoped
public class TokensProducer {

    /** How long the public keys of a private_key_jwt client are cached before they are fetched again. */
    static final Duration CLIENT_JWKS_TTL = Duration.ofMinutes(10);

    @Resource(lookup = "java:jboss/datasources/PorticoDS")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "portico.tokens.single-use-subject-tokens", defaultValue = "false")
    boolean singleUseSubjectTokens;

    @Produces
    @Singleton
    RevocationList revocations(TokenStateStore store, Clock clock) {
        return new DatabaseRevocationList(store, clock);
    }

    /**
     * A revocation (logout) stored by some node: forget the cached "not revoked" answers, so a token of a session
     * logged out on another node is refused here within a second, not only when its answer expires.
     */
    void forgetNotRevoked(@Observes TopicsChanged change, RevocationList revocations) {
        if (change.has(Topics.REVOCATIONS) && revocations instanceof DatabaseRevocationList stored) {
            stored.forgetNotRevoked();
        }
    }

    @Produces
    @Singleton
    ReplayGuard replayGuard(TokenStateStore store, Clock clock) {
        return new DatabaseReplayGuard(store, clock);
    }

    @Produces
    @Singleton
    AccessTokenIssuer accessTokenIssuer(SigningKeys keys, PorticoIssuer issuer, Clock clock) {
        return new AccessTokenIssuer(keys, issuer.url(), clock);
    }

    @Produces
    @Singleton
    AccessTokenVerifier accessTokenVerifier(SigningKeys keys, PorticoIssuer issuer, RevocationList revocations, Clock clock) {
        return new AccessTokenVerifier(keys, issuer.url(), revocations, clock);
    }

    /**
     * Remote JWK sets of private_key_jwt clients, one per app and URL, refreshed by Nimbus and dropped after a while.
     * Fetched by {@link JwksRetriever}: no redirects, no internal hosts unless the app allows one.
     */
    @Produces
    @Singleton
    ClientJwkSources clientJwkSources() {
        Cache<String, JWKSource<SecurityContext>> sources = Caffeine.newBuilder()
                .expireAfterAccess(CLIENT_JWKS_TTL).maximumSize(10_000).build();
        HttpClient http = JwksRetriever.httpClient(); // this deployment's: dropped with it when it is undeployed
        return app -> {
            if (!(app.clientAuthentication() instanceof ClientAuthentication.PrivateKeyJwt keyJwt)) {
                throw new IllegalStateException("App " + app.id() + " does not authenticate with private_key_jwt");
            }
            String url = keyJwt.jwksUri().toString();
            boolean internal = keyJwt.internalHostAllowed();
            return sources.get(app.id() + " " + url + (internal ? " internal" : ""), key -> JWKSourceBuilder
                    .<SecurityContext>create(toUrl(url), JwksRetriever.of(internal, http)).retrying(true).build());
        };
    }

    private static URL toUrl(String url) {
        try {
            return new URL(url);
        } catch (MalformedURLException e) {
            // AppRegistration accepted it as a URI: only a scheme without a URL handler gets here.
            throw new IllegalStateException("Not a URL: " + url, e);
        }
    }

    @Produces
    @Singleton
    ClientAuthenticator clientAuthenticator(AppDirectory apps, ClientJwkSources jwkSources, ReplayGuard replayGuard,
                                            ClientSecretHasher secrets, JpaAppDirectory upgrades,
                                            PorticoIssuer issuer, Clock clock) {
        // Failed client authentications are counted in the shared database: the throttle is cluster-wide.
        return new ClientAuthenticator(apps, jwkSources, replayGuard, secrets, upgrades, issuer.url(),
                issuer.resolve("/oauth2/token"), clock, new DatabaseThrottleStore("client-auth", dataSource, clock));
    }

    @Produces
    @Singleton
    TokenExchange tokenExchange(AppDirectory apps, AccessTokenVerifier verifier, AccessTokenIssuer issuer,
                                ReplayGuard replayGuard, Clock clock) {
        return new TokenExchange(apps, verifier, issuer, replayGuard, singleUseSubjectTokens, clock);
    }

    @Produces
    @Singleton
    Introspection introspection(AccessTokenVerifier verifier) {
        return new Introspection(verifier);
    }
}
