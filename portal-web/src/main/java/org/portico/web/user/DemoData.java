package org.portico.web.user;

import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.web.database.DatabaseMigrations;

/**
 * Creates the demo users when {@code portico.demo.enabled} is true (the run command turns it on; the WAR's
 * default is off). Users that already exist are left as they are, so a demo password changed in the admin
 * screen stays changed across restarts.
 */
@ApplicationScoped
public class DemoData {

    /** The password of every demo user. Documented in README.md; never use the demo data in production. */
    public static final String DEMO_PASSWORD = "portico-demo";

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    record DemoUser(String username, String displayName, String email, Set<Role> roles) {
    }

    static final Set<DemoUser> USERS = Set.of(
            new DemoUser("alice", "Alice End-User", "alice@portico.example", EnumSet.of(Role.END_USER)),
            new DemoUser("eddie", "Eddie Editor", "eddie@portico.example", EnumSet.of(Role.END_USER, Role.CONTENT_EDITOR)),
            new DemoUser("ada", "Ada Admin", "ada@portico.example", EnumSet.of(Role.END_USER, Role.SITE_ADMIN)));

    @Inject
    @ConfigProperty(name = "portico.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    UserService users;

    void onStart(@Observes @Priority(DatabaseMigrations.PRIORITY + 10) @Initialized(ApplicationScoped.class) Object event) {
        if (!enabled) {
            LOG.info("Demo data is off (portico.demo.enabled=false)");
            return;
        }
        for (DemoUser demo : USERS) {
            if (users.findByUsername(demo.username()).isEmpty()) {
                users.create(demo.username(), demo.displayName(), demo.email(), DEMO_PASSWORD, demo.roles());
                LOG.info(() -> "Created demo user '" + demo.username() + "' with roles " + demo.roles());
            }
        }
    }
}
