package org.portico.web.app;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientSecret;
import org.portico.deeplink.app.ClientSecretUpgrades;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;
import org.portico.web.metrics.PorticoMetrics;
import org.portico.web.user.Role;

/**
 * The registered apps as the token layer sees them: enabled apps only, as {@link AppRegistration} values. Lookups
 * are cached for {@link #FRESH_FOR} so that the token endpoint and link hops do not query the database on every
 * request. A change made through {@link AppService} (saved, disabled, deleted, secret replaced) takes effect at once
 * on this node — the cache is emptied when its transaction completes ({@link AppsChanged}), as the route cache is —
 * and within a second on every other node (the {@code apps} change marker, {@code cluster/}); {@link #FRESH_FOR} is
 * the backstop should the markers not be read.
 *
 * <p>Only a cache miss runs in a transaction (mapping an app reads its lazily loaded collections): {@link Loader}
 * is the transactional part. A transaction around every cached lookup cost a deep-link hop about a quarter of its
 * own CPU (JTA begin and commit), for nothing.
 */
@ApplicationScoped
public class JpaAppDirectory implements AppDirectory, ClientSecretUpgrades {

    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(JpaAppDirectory.class.getName());

    @Inject
    Loader loader;

    @Inject
    AppService apps;

    @Inject
    PorticoMetrics metrics;

    private final Cache<String, Optional<AppRegistration>> cache = Caffeine.newBuilder()
            .expireAfterWrite(FRESH_FOR).maximumSize(10_000).recordStats().build();

    @PostConstruct
    void publishStats() {
        metrics.cache("apps", cache);
    }

    @Override
    public Optional<AppRegistration> findById(String id) {
        return id == null ? Optional.empty() : cache.get("id:" + id, k -> loader.byId(id));
    }

    @Override
    public Optional<AppRegistration> findByAudience(String audience) {
        return audience == null ? Optional.empty() : cache.get("aud:" + audience, k -> loader.byAudience(audience));
    }

    /**
     * Stores the fast form of a secret whose legacy hash just verified, and drops the cached registrations so the next
     * request sees it. A failure is logged, not thrown: the client authenticated, and the app moves on its next use.
     */
    @Override
    public void upgrade(String clientId, ClientSecret legacy, ClientSecret current) {
        try {
            if (apps.upgradeSecretHash(clientId, legacy, current)) {
                LOG.info(() -> "Client secret hash of app '" + clientId + "' moved from PBKDF2 to the keyed hash");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "Could not store the keyed client secret hash of app '" + clientId
                    + "'; it stays PBKDF2 until its next use");
        }
        cache.invalidateAll(); // once per app and secret: not worth finding its audience entry
    }

    /**
     * Forgets every cached registration after an app changed: a change may touch entries under the app's id, its old
     * and new audience and the exchange policies of other apps; changes are rare, so finding those is not worth it.
     */
    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) AppsChanged event) {
        cache.invalidateAll();
    }

    /** A cache miss: the app read and mapped in one transaction. */
    @ApplicationScoped
    @Transactional
    public static class Loader {

        @Inject
        AppService apps;

        public Optional<AppRegistration> byId(String id) {
            return apps.findById(id).filter(RegisteredApp::isEnabled).flatMap(JpaAppDirectory::toRegistration);
        }

        public Optional<AppRegistration> byAudience(String audience) {
            return apps.findByAudience(audience).filter(RegisteredApp::isEnabled)
                    .flatMap(JpaAppDirectory::toRegistration);
        }
    }

    static Optional<AppRegistration> toRegistration(RegisteredApp app) {
        try {
            AppRegistration.Builder registration = AppRegistration.builder(app.getId())
                    .name(app.getName())
                    .audience(app.getAudience())
                    .allowedClaims(app.getClaims().stream().map(UserClaim::toDeeplink)
                            .toArray(org.portico.deeplink.app.UserClaim[]::new))
                    .tokenLifetime(Duration.ofSeconds(app.getTokenLifetimeSeconds()))
                    .clientAuthentication(app.getClientAuthentication() == ClientAuthentication.CLIENT_SECRET
                            ? new ClientSecret(app.getClientSecretHash())
                            : new org.portico.deeplink.app.ClientAuthentication.PrivateKeyJwt(URI.create(app.getJwksUrl()),
                                    app.isAllowInternalJwksHost()))
                    .exchangeAudiences(app.getExchangeAudiences().toArray(String[]::new))
                    .trustedForSignOn(app.isTrustedForSignOn())
                    .signOnRoles(app.getSignOnRoles().stream().map(Role::roleName).collect(Collectors.toUnmodifiableSet()));
            app.getBaseUrls().forEach(registration::baseUrl);
            return Optional.of(registration.build());
        } catch (IllegalArgumentException | NullPointerException e) { // InvalidAppException is an IllegalArgumentException
            LOG.warning(() -> "App '" + app.getId() + "' can't be used for tokens until it is corrected: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** An app changed on some node: forget what is cached of apps (within a second on every node). */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.APPS)) {
            cache.invalidateAll();
        }
    }
}
