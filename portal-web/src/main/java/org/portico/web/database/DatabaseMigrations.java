package org.portico.web.database;

import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway before anything else touches the database.
 * Migrations live in {@code db/migration} and are versioned; the schema is never dropped and re-created,
 * so data survives restarts and upgrades. A failed migration fails the deployment (loud, not half-started).
 */
@ApplicationScoped
public class DatabaseMigrations {

    /** Observers of application start-up that need the schema run after this priority. */
    public static final int PRIORITY = 100;

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    @Resource(lookup = "java:jboss/datasources/PorticoDS")
    DataSource dataSource;

    private volatile boolean migrated;

    void onStart(@Observes @Priority(PRIORITY) @Initialized(ApplicationScoped.class) Object event) {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        migrated = true;
        LOG.info(() -> "Database schema at version " + (result.targetSchemaVersion != null
                ? result.targetSchemaVersion : result.initialSchemaVersion)
                + " (" + result.migrationsExecuted + " migrations applied now, database " + result.database + ")");
    }

    /** Whether the migrations ran to the end in this deployment. */
    public boolean isMigrated() {
        return migrated;
    }
}
