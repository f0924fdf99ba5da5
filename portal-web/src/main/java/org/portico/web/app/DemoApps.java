package org.portico.web.app;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.database.DatabaseMigrations;

/**
 * Registers the demo app {@value #ID} when {@code portico.demo.enabled} is true, so that tokens and links can be tried
 * right after the run command. The demo app (module {@code demo-app}) is deployed beside Portico at {@value #PATH} on
 * the same server, so its audience and base URL follow Portico's issuer: {@code http://localhost:8080/demo-app} for
 * the run command, {@code http://127.0.0.1:<port>/demo-app} on the ITs' server; it may be framed (panes) under the
 * other loopback name (see {@link #demoApp}), and it is proxied (its pages under {@value #PROXIED_PATH} are served at
 * {@code /apps/demo-app/} on the proxy origin). An existing registration is left as it
 * is (changes made in the admin screen survive restarts). Its client secret {@value #DEMO_SECRET} is documented in
 * README.md: never use the demo data in production.
 */
@ApplicationScoped
public class DemoApps {

    public static final String ID = "demo-app";
    public static final String DEMO_SECRET = "demo-app-secret-change-me-in-production";
    /** The demo app's context root on Portico's server. */
    public static final String PATH = "/demo-app";
    /** The demo app's pages for Portico's reverse proxy: its upstream, served at {@code /apps/demo-app/}. */
    public static final String PROXIED_PATH = PATH + "/proxied";

    private static final Logger LOG = Logger.getLogger(DemoApps.class.getName());

    /** The iframe sandbox flags of the demo app's panes: its pane page runs the handshake script and keeps its origin. */
    static final List<String> SANDBOX = List.of(SandboxFlag.ALLOW_SCRIPTS.token(), SandboxFlag.ALLOW_SAME_ORIGIN.token(),
            SandboxFlag.ALLOW_FORMS.token());

    /**
     * The demo app's registration on the server whose issuer is {@code issuer}. Its second base URL names the same
     * server by the other loopback name ({@code localhost} ⇄ {@code 127.0.0.1}), a different origin: panes frame the
     * demo app there, cross-origin, as they would frame any other app (see {@link #otherLoopbackBase}).
     */
    static AppDraft demoApp(PorticoIssuer issuer) {
        List<String> baseUrls = new ArrayList<>(List.of(issuer.resolve(PATH + "/")));
        otherLoopbackBase(issuer).ifPresent(baseUrls::add);
        return new AppDraft(ID, "Demo App", "A sample app for trying Portico's tokens and links. Registered by the demo data.",
                issuer.resolve(PATH), baseUrls, List.of("name", "email", "roles"), 300,
                ClientAuthentication.CLIENT_SECRET.methodName(), null, List.of(), false, true, false, null,
                true, SANDBOX, true, issuer.resolve(PROXIED_PATH));
    }

    /**
     * The demo app's base URL under the other loopback name of Portico's server: {@code http://127.0.0.1:8080/demo-app}
     * for Portico at {@code http://localhost:8080}, and the other way round; empty for any other host.
     */
    public static Optional<String> otherLoopbackBase(PorticoIssuer issuer) {
        URI uri = URI.create(issuer.url());
        String other = switch (uri.getHost().toLowerCase(Locale.ROOT)) {
            case "localhost" -> "127.0.0.1";
            case "127.0.0.1" -> "localhost";
            default -> null;
        };
        return Optional.ofNullable(other).map(host -> uri.getScheme() + "://" + host
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + PATH);
    }

    @Inject
    @ConfigProperty(name = "portico.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    AppService apps;

    @Inject
    PorticoIssuer issuer;

    void onStart(@Observes @Priority(DatabaseMigrations.PRIORITY + 20) @Initialized(ApplicationScoped.class) Object event) {
        if (!enabled || apps.findById(ID).isPresent()) {
            return;
        }
        apps.create(demoApp(issuer));
        apps.useGivenSecret(ID, DEMO_SECRET);
        LOG.info(() -> "Registered the demo app '" + ID + "' at " + issuer.resolve(PATH + "/")
                + " (client secret documented in README.md)");
    }
}
