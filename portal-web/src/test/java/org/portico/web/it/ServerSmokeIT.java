package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the build-to-server chain: the WAR built by this module deploys on the WildFly provisioned into
 * {@code target/server} (port offset from the failsafe configuration), serves its root page (readiness: {@link HealthIT}), and
 * uses the database the test run asked for ({@code portico.it.db}: H2 by default, PostgreSQL in the second run).
 */
@Tag("database")
@ExtendWith(ArquillianExtension.class)
class ServerSmokeIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static WebArchive portico() {
        return Deployments.portico();
    }

    @Test
    void rootPageAnswers200() throws Exception {
        HttpResponse<String> response = get(property("portico.it.base-url", "http://127.0.0.1:8180/"));

        assertEquals(200, response.statusCode(), () -> "GET " + response.uri() + " answered " + response.body());
    }


    @Test
    void datasourceUsesTheRequestedDatabase() throws IOException {
        ModelNode address = Operations.createAddress("subsystem", "datasources", "data-source", "PorticoDS");
        ModelNode readUrl = Operations.createReadAttributeOperation(address, "connection-url");
        readUrl.get("resolve-expressions").set(true);

        ModelNode url = management.getControllerClient().execute(readUrl);
        ModelNode connectionTest = management.getControllerClient()
                .execute(Operations.createOperation("test-connection-in-pool", address));

        String expectedPrefix = "jdbc:" + property("portico.it.db", "h2") + ":";
        assertAll(
                () -> assertTrue(Operations.isSuccessfulOutcome(url), url::toString),
                () -> assertTrue(Operations.readResult(url).asString().startsWith(expectedPrefix),
                        () -> "PorticoDS should use " + expectedPrefix + " but uses " + Operations.readResult(url)),
                () -> assertTrue(Operations.isSuccessfulOutcome(connectionTest), connectionTest::toString));
    }

    private static HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET().build();
        return HTTP.send(request, BodyHandlers.ofString());
    }

    private static String property(String name, String defaultValue) {
        return System.getProperty(name, defaultValue);
    }
}
