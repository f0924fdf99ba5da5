package org.portico.web.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The home page's one-time sample link mints its ticket when it is clicked (a Faces form post), not when the page is
 * shown. Regression (issue 9): every render of the home page stored a ticket in {@code portico_link_ticket}, so
 * reloading it (or a crawler with a session) filled the table. Tickets are counted straight in the table.
 */
class HomeSampleLinkIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico().addClass(TableRowsServlet.class);
    }

    private long ticketsOf(String username) throws Exception {
        return Long.parseLong(get(HttpClient.newHttpClient(), "/it/rows?query=tickets-of&value=" + username).body());
    }

    @Test
    void showingTheHomePageStoresNoTicketAndTheClickStoresOne() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        long before = ticketsOf("alice");

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> home = HomeSamples.home(alice, root());
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("data-link=\"" + HomeSamples.OFFER + "\""), "the sample is offered");
            assertFalse(home.body().contains("_ticket="), "no ticket on the page");
        }
        long afterRenders = ticketsOf("alice");
        HttpResponse<String> clicked = HomeSamples.clickOffer(alice, root());
        long afterClick = ticketsOf("alice");
        String link = HomeSamples.continuesTo(clicked.body());
        HttpResponse<String> followed = get(alice, link.substring(link.indexOf("/link/")));

        assertAll(
                () -> assertEquals(before, afterRenders, "five renders of the home page store no ticket"),
                () -> assertEquals(200, clicked.statusCode(), clicked.body()),
                () -> assertEquals("no-store", clicked.headers().firstValue("Cache-Control").orElse("")),
                () -> assertTrue(clicked.body().contains("http-equiv=\"refresh\""), clicked.body()),
                () -> assertTrue(link.contains("/link/welcome-offer?_ticket="), link),
                () -> assertEquals(before + 1, afterClick, "the click stores one"),
                () -> assertEquals(303, followed.statusCode(), followed.body()),
                () -> assertTrue(followed.headers().firstValue("Location").orElse("")
                        .contains("/demo-app/offers/welcome#portico_token="), followed.headers().toString()));
    }

    @Test
    void aPostWithoutThePagesViewStateMintsNothing() throws Exception {
        HttpClient alice = FormLogin.loggedIn(root(), "alice", "portico-demo");
        String button = HomeSamples.offerButton(HomeSamples.home(alice, root()).body());
        long before = ticketsOf("alice");

        HttpResponse<String> forged = alice.send(HttpRequest.newBuilder(URI.create(root() + "/home.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(HomeSamples.FORM + "=" + HomeSamples.FORM + "&"
                        + URLEncoder.encode(button, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode("Your one-time welcome offer", StandardCharsets.UTF_8)
                        + "&jakarta.faces.ViewState=" + URLEncoder.encode("-4711:815", StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertFalse(forged.body().contains("_ticket="), forged.body()),
                () -> assertEquals(before, ticketsOf("alice"), "a post another site could forge mints nothing"));
    }
}
