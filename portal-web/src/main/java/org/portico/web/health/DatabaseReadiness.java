package org.portico.web.health;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.portico.web.database.DatabaseMigrations;

/**
 * Ready only when the database answers and the schema migrations have run. Exposed by WildFly's
 * MicroProfile Health subsystem at {@code /health/ready} on the management interface.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/PorticoDS")
    DataSource dataSource;

    @Inject
    DatabaseMigrations migrations;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("portico-database");
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(TIMEOUT_SECONDS);
            return response.status(valid && migrations.isMigrated())
                    .withData("database", connection.getMetaData().getDatabaseProductName())
                    .withData("connection", valid ? "valid" : "invalid")
                    .withData("schema", migrations.isMigrated() ? "migrated" : "pending")
                    .build();
        } catch (SQLException e) {
            return response.down().withData("connection", "unavailable: " + e.getClass().getSimpleName()).build();
        }
    }
}
