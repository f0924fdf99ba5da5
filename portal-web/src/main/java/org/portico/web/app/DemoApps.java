package org.portico.web.app;

import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.web.persistence.DatabaseMigrations;

/**
 * Registers the demo app {@value #ID} when {@code portico.demo.enabled} is true, so that tokens can be tried right
 * after the run command. An existing registration is left as it is (changes made in the admin screen survive
 * restarts). Its client secret {@value #DEMO_SECRET} is documented in README.md: never use the demo data in
 * production.
 */
@ApplicationScoped
public class DemoApps {

    public static final String ID = "demo-app";
    public static final String DEMO_SECRET = "demo-app-secret-change-me-in-production";

    private static final Logger LOG = Logger.getLogger(DemoApps.class.getName());

    static final AppDraft DEMO_APP = new AppDraft(ID, "Demo App",
            "A sample app for trying Portico's tokens and links. Registered by the demo data.",
            "http://localhost:8080/demo-app", List.of("http://localhost:8080/demo-app/"),
            List.of("name", "email", "roles"), 300, ClientAuthentication.CLIENT_SECRET.methodName(), null, List.of(),
            false, true);

    @Inject
    @ConfigProperty(name = "portico.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    AppService apps;

    void onStart(@Observes @Priority(DatabaseMigrations.PRIORITY + 20) @Initialized(ApplicationScoped.class) Object event) {
        if (!enabled || apps.findById(ID).isPresent()) {
            return;
        }
        apps.create(DEMO_APP);
        apps.useGivenSecret(ID, DEMO_SECRET);
        LOG.info(() -> "Registered the demo app '" + ID + "' (client secret documented in README.md)");
    }
}
