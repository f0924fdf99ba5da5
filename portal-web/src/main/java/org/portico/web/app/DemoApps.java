package org.portico.web.app;

import java.util.List;
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
 * the run command, {@code http://127.0.0.1:<port>/demo-app} on the ITs' server. An existing registration is left as it
 * is (changes made in the admin screen survive restarts). Its client secret {@value #DEMO_SECRET} is documented in
 * README.md: never use the demo data in production.
 */
@ApplicationScoped
public class DemoApps {

    public static final String ID = "demo-app";
    public static final String DEMO_SECRET = "demo-app-secret-change-me-in-production";
    /** The demo app's context root on Portico's server. */
    public static final String PATH = "/demo-app";

    private static final Logger LOG = Logger.getLogger(DemoApps.class.getName());

    /** The demo app's registration on the server whose issuer is {@code issuer}. */
    static AppDraft demoApp(PorticoIssuer issuer) {
        return new AppDraft(ID, "Demo App", "A sample app for trying Portico's tokens and links. Registered by the demo data.",
                issuer.resolve(PATH), List.of(issuer.resolve(PATH + "/")), List.of("name", "email", "roles"), 300,
                ClientAuthentication.CLIENT_SECRET.methodName(), null, List.of(), false, true);
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
