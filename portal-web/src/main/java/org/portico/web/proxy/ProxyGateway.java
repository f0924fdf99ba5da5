package org.portico.web.proxy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.undertow.client.UndertowClient;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;

import org.xnio.OptionMap;
import org.xnio.Options;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.token.AccessToken;
import org.portico.deeplink.token.AccessTokenIssuer;
import org.portico.deeplink.token.UserIdentity;
import org.portico.web.app.AppService;
import org.portico.web.app.JpaAppDirectory;
import org.portico.web.app.AppsChanged;
import org.portico.web.app.RegisteredApp;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;
import org.portico.web.database.DatabaseMigrations;
import org.portico.web.proxy.ProxySessions.ProxySession;
import org.portico.web.security.CurrentUser;
import org.portico.web.user.UserAccount;
import org.portico.web.user.UserService;

/**
 * What the proxy's Undertow handler ({@link ProxyExtension}) asks of the application: the proxied apps with their
 * Undertow {@link ProxyHandler}s, the proxy sessions, the users' access tokens. Handed to the handler when the
 * application has started, taken back when it stops.
 *
 * <p>Caches: an app's registration and proxy handler until the app changes ({@link AppsChanged}; a handler holds the
 * connection pool to its upstream); a user's access token per proxy session and app until
 * {@value #TOKEN_MARGIN_SECONDS} s before it expires, so an app gets a token that is still valid when it checks it.
 * Thread-safe.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ProxyGateway {

    static final int TOKEN_MARGIN_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(ProxyGateway.class.getName());

    @Inject
    ProxySettings settings;

    @Inject
    ProxySessions sessions;

    @Inject
    AppDirectory directory;

    @Inject
    AccessTokenIssuer issuer;

    @Inject
    Clock clock;

    @Inject
    AppService appService;

    /** Reads an app's registration from the database, past the directory's cache. */
    @Inject
    JpaAppDirectory.Loader loader;

    @Inject
    UserService users;

    /** A proxied app as the handler uses it. */
    public record ProxiedApp(AppRegistration registration, String upstream, HttpHandler handler,
                             LoadBalancingProxyClient client) {

        public String id() {
            return registration.id();
        }
    }

    private final Cache<String, Optional<ProxiedApp>> apps = Caffeine.newBuilder().maximumSize(1000)
            .<String, Optional<ProxiedApp>>removalListener((id, app, cause) -> {
                // The proxy client's pooled connections to the old upstream end with it.
                if (app != null) {
                    app.ifPresent(gone -> gone.client().closeCurrentConnections());
                }
            }).build();

    private final Cache<String, Optional<UserIdentity>> identities = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(ProxySessions.CACHE_SECONDS)).build();

    private final Cache<String, AccessToken> tokens = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfter(new Expiry<String, AccessToken>() {
                @Override
                public long expireAfterCreate(String key, AccessToken token, long currentTime) {
                    Duration left = Duration.between(clock.instant(), token.expiresAt())
                            .minusSeconds(TOKEN_MARGIN_SECONDS);
                    return Math.max(0, left.toNanos());
                }

                @Override
                public long expireAfterUpdate(String key, AccessToken token, long currentTime, long currentDuration) {
                    return expireAfterCreate(key, token, currentTime);
                }

                @Override
                public long expireAfterRead(String key, AccessToken token, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            }).build();

    void start(@Observes @jakarta.annotation.Priority(DatabaseMigrations.PRIORITY + 30)
               @Initialized(ApplicationScoped.class) Object event) {
        settings.origins().ifPresentOrElse(
                origins -> LOG.info(() -> "Proxied apps are served on " + origins.origin(ProxyOrigins.APP)
                        + (origins.perApp() ? " (an origin per app)" : " (one origin for all proxied apps)")),
                () -> LOG.info("No proxy origin (portico.proxy.origin): proxied apps are not served"));
        ProxyExtension.serve(this);
    }

    @PreDestroy
    void stop() {
        ProxyExtension.serve(null);
        apps.invalidateAll();
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) AppsChanged event) {
        apps.invalidate(event.id());
    }

    public ProxySettings settings() {
        return settings;
    }

    public ProxySessions sessions() {
        return sessions;
    }

    /** The origins of proxied apps; empty when none is configured. */
    public Optional<ProxyOrigins> origins() {
        return settings.origins();
    }

    /** An enabled, proxied app with its upstream and proxy handler; empty for any other id. */
    public Optional<ProxiedApp> app(String id) {
        if (!AppRegistration.isValidId(id)) {
            return Optional.empty();
        }
        return apps.get(id, this::load);
    }

    private Optional<ProxiedApp> load(String id) {
        Optional<String> upstream = upstream(id);
        return upstream.flatMap(url -> directory.findById(id)
                .map(registration -> {
                    LoadBalancingProxyClient client = client(url);
                    return new ProxiedApp(registration, url, handler(client), client);
                }));
    }

    /** The upstream URL of an enabled, proxied app. */
    private Optional<String> upstream(String id) {
        return appService.findById(id).filter(app -> app.isEnabled() && app.isProxied() && app.getUpstreamUrl() != null)
                .map(RegisteredApp::getUpstreamUrl);
    }

    /**
     * Undertow's reverse proxy to one upstream: streams both ways, passes upgrades (WebSocket) through, keeps a pool
     * of connections, writes {@code X-Forwarded-*} and sets {@code Host} to the upstream's (its own name in
     * {@code X-Forwarded-Host}). Connections that stay silent longer than the read timeout are closed.
     */
    private LoadBalancingProxyClient client(String upstream) {
        LoadBalancingProxyClient client = new LoadBalancingProxyClient(UndertowClient.getInstance())
                .setConnectionsPerThread(20)
                .setMaxQueueSize(100)
                .setProblemServerRetry(1);
        client.addHost(URI.create(upstream), null, null, OptionMap.builder()
                .set(Options.READ_TIMEOUT, (int) settings.readTimeout().toMillis())
                .set(Options.WRITE_TIMEOUT, (int) settings.readTimeout().toMillis())
                .set(Options.TCP_NODELAY, true)
                .getMap());
        return client;
    }

    private HttpHandler handler(LoadBalancingProxyClient client) {
        return ProxyHandler.builder()
                .setProxyClient(new ConnectTimeout(client, settings.connectTimeout()))
                .setMaxConnectionRetries(0)
                .setRewriteHostHeader(true)
                .setReuseXForwarded(false)
                .setNext(ResponseCodeHandler.HANDLE_404)
                .build();
    }

    /**
     * The user behind a proxy session as Portico's tokens describe them, read from the user store and kept
     * {@value ProxySessions#CACHE_SECONDS} s (like the sessions): empty when the account is gone or disabled, so a
     * disabled user's requests stop within that time.
     */
    public Optional<UserIdentity> user(ProxySession session) {
        return identities.get(session.username(), this::loadUser);
    }

    private Optional<UserIdentity> loadUser(String username) {
        return users.findByUsername(username).filter(UserAccount::isEnabled)
                .map(account -> CurrentUser.identity(username, account.getDisplayName(), account.getEmail(),
                        role -> account.getRoles().stream().anyMatch(granted -> granted.roleName().equals(role))));
    }

    /** The access token for the app that the proxy attaches for this session: cached until shortly before expiry. */
    public AccessToken token(String sessionKey, ProxySession session, UserIdentity user, ProxiedApp app) {
        return tokens.get(sessionKey + " " + app.id(),
                key -> issuer.issue(user, app.registration(), app.id(), session.sid()));
    }

    /** A proxy client that waits at most the connect timeout for a connection (Undertow's handler asks without a limit). */
    private record ConnectTimeout(ProxyClient client, Duration timeout) implements ProxyClient {

        @Override
        public ProxyTarget findTarget(io.undertow.server.HttpServerExchange exchange) {
            return client.findTarget(exchange);
        }

        @Override
        public void getConnection(ProxyTarget target, io.undertow.server.HttpServerExchange exchange,
                                  io.undertow.server.handlers.proxy.ProxyCallback<io.undertow.server.handlers.proxy.ProxyConnection> callback,
                                  long given, TimeUnit unit) {
            client.getConnection(target, exchange, callback, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public java.util.List<ProxyTarget> getAllTargets() {
            return client.getAllTargets();
        }
    }

    /**
     * An app changed on some node (which one is not told): forget the proxied apps whose registration or upstream is no
     * longer what is stored. Only those: forgetting an app closes its pooled upstream connections, and a change of
     * another app (or this node's own change, seen again by the poll) must not cut the streams of this one.
     */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.APPS)) {
            apps.asMap().forEach((id, cached) -> {
                Optional<String> upstream = upstream(id);
                boolean same = cached.isPresent()
                        ? upstream.equals(Optional.of(cached.get().upstream()))
                                && loader.byId(id).equals(Optional.of(cached.get().registration()))
                        : upstream.isEmpty();
                if (!same) {
                    apps.invalidate(id);
                }
            });
        }
    }
}
