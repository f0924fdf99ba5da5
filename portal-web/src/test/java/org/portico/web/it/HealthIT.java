package org.portico.web.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MicroProfile Health from WildFly's subsystem, on the management interface: readiness includes Portico's
 * database check. Tagged {@code database}: runs against H2 and against PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("database")
class HealthIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        String management = System.getProperty("portico.it.management-url", "http://127.0.0.1:10090");
        return http.send(HttpRequest.newBuilder(URI.create(management + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessChecksTheDatabaseAndItsSchema() throws Exception {
        HttpResponse<String> ready = get("/health/ready");

        String database = System.getProperty("portico.it.db", "h2").equals("postgresql") ? "PostgreSQL" : "H2";
        assertAll(
                () -> assertEquals(200, ready.statusCode(), ready.body()),
                () -> assertTrue(ready.body().contains("\"name\":\"portico-database\""), ready.body()),
                () -> assertTrue(ready.body().contains("\"database\":\"" + database + "\""), ready.body()),
                () -> assertTrue(ready.body().contains("\"schema\":\"migrated\""), ready.body()));
    }

    @Test
    void livenessIsUp() throws Exception {
        HttpResponse<String> live = get("/health/live");

        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"status\":\"UP\""), live.body());
    }
}
