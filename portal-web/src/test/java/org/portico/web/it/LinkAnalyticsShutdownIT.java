package org.portico.web.it;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.Json;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A clean shutdown loses no resolution: events still queued when the application stops are stored by the link
 * analytics' {@code @PreDestroy}. The flush interval is an hour here, so nothing but the shutdown can store them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("database")
class LinkAnalyticsShutdownIT {

    private static final String NAME = "analytics-shutdown";

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.portico()
                .addClass(LinkEventsServlet.class)
                .addAsResource(new StringAsset("portico.link-analytics.flush-interval=PT1H\n"),
                        "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    Deployer deployer;

    private static String root() {
        return System.getProperty("portico.it.base-url", "http://127.0.0.1:8180/").replaceAll("/$", "");
    }

    @Test
    void eventsStillQueuedWhenTheApplicationStopsAreStored() throws Exception {
        String route = "shutdown-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        deployer.deploy(NAME);
        try {
            HttpResponse<String> fired = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root() + "/it/link-events"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("route=" + route + "&outcome=ok&at=2021-09-09T09:09:09Z&count=300&flush=false"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("300", fired.body(), "all 300 are still queued before the shutdown");
        } finally {
            deployer.undeploy(NAME);
        }

        deployer.deploy(NAME);
        try {
            HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");
            HttpResponse<String> counts = ada.send(HttpRequest.newBuilder(URI.create(root()
                    + "/api/admin/link-analytics?route=" + route + "&from=2021-09-09&to=2021-09-09")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(300, Json.createReader(new StringReader(counts.body())).readObject().getInt("total"), counts.body());
        } finally {
            deployer.undeploy(NAME);
        }
    }
}
