package org.portico.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Portico answers on the wire: headers, cookies, status codes, problem+json, health, error ids. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico().addClass(FailingServlet.class);
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    private HttpResponse<String> get(HttpClient client, String path, String accept) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesCarryTheSecurityHeadersAndAHardenedSessionCookie() throws Exception {
        HttpResponse<String> login = get(http, "/login.xhtml", "text/html");

        String cookie = login.headers().firstValue("Set-Cookie").orElse("");
        assertAll(
                () -> assertEquals(200, login.statusCode()),
                () -> assertTrue(cookie.startsWith("PORTICO_SESSION="), cookie),
                () -> assertTrue(cookie.contains("HttpOnly"), cookie),
                () -> assertTrue(cookie.contains("SameSite=Lax"), cookie),
                () -> assertFalse(cookie.contains("Secure"), "no Secure flag over plain HTTP: " + cookie),
                () -> assertEquals("nosniff", login.headers().firstValue("X-Content-Type-Options").orElse("")),
                () -> assertEquals("same-origin", login.headers().firstValue("Referrer-Policy").orElse("")),
                () -> assertTrue(login.headers().allValues("Content-Security-Policy").stream()
                        .anyMatch(csp -> csp.contains("frame-ancestors 'self'")), "CSP frame-ancestors"),
                () -> assertTrue(login.headers().allValues("Content-Security-Policy").stream()
                        .anyMatch(csp -> csp.contains("script-src 'self' 'nonce-")), "PrimeFaces nonce CSP"),
                () -> assertFalse(login.headers().firstValue("Strict-Transport-Security").isPresent(), "no HSTS over HTTP"));
    }

    @Test
    void protectedPagesSendGuestsToTheLoginPage() throws Exception {
        HttpResponse<String> home = get(http, "/home.xhtml", "text/html");

        assertEquals(302, home.statusCode());
        assertTrue(home.headers().firstValue("Location").orElse("").endsWith("/login.xhtml"));
    }

    @Test
    void withoutOpenIdConnectSettingsItsEndpointsDoNotExist() throws Exception {
        HttpResponse<String> start = get(http, "/login/oidc", "text/html");
        HttpResponse<String> callback = get(http, "/login/oidc/callback?code=x&state=y", "text/html");

        assertAll(
                () -> assertEquals(404, start.statusCode()),
                () -> assertEquals(404, callback.statusCode()),
                () -> assertTrue(get(http, "/login.xhtml", "text/html").headers().allValues("Content-Security-Policy")
                        .stream().anyMatch(csp -> csp.contains("form-action 'self';")), "form-action is ours only"));
    }

    @Test
    void restrictedPagesAnswerNotFoundToUsersWithoutTheRole() throws Exception {
        HttpClient alice = loggedIn("alice", "portico-demo");

        HttpResponse<String> admin = get(alice, "/admin/users.xhtml", "text/html");
        HttpResponse<String> missing = get(alice, "/admin/no-such-page.xhtml", "text/html");

        assertAll(
                () -> assertEquals(404, admin.statusCode()),
                () -> assertTrue(admin.body().contains("Page not found")),
                () -> assertEquals(404, missing.statusCode()),
                () -> assertEquals(get(alice, "/home.xhtml", "text/html").statusCode(), 200));
    }

    @Test
    void aServerErrorShowsAnErrorIdThatIsInTheLogAndNoStackTrace() throws Exception {
        HttpResponse<String> failure = get(http, "/it/failing", "text/html");

        Matcher id = Pattern.compile("id=\"error-id\"[^>]*>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<").matcher(failure.body());
        assertAll(
                () -> assertEquals(500, failure.statusCode()),
                () -> assertTrue(failure.body().contains("Something went wrong on our side")),
                () -> assertFalse(failure.body().contains("IllegalStateException"), "no exception class on the page"),
                () -> assertFalse(failure.body().contains("5f3e"), "no exception detail on the page"),
                () -> assertTrue(id.find(), "an error id on the page"));
        String log = Files.readString(serverLog());
        assertTrue(log.contains("Error id " + id.group(1) + ": GET /it/failing failed"), "the same id in the server log");
    }

    @Test
    void aFormPostWithoutThePagesViewStateIsRefused() throws Exception {
        HttpClient ada = loggedIn("ada", "portico-demo");
        get(ada, "/admin/users.xhtml", "text/html");
        String forged = "createForm=createForm&createForm%3Ausername=forged&createForm%3AdisplayName=Forged"
                + "&createForm%3Apassword=forged-password-1&createForm%3Asave=createForm%3Asave"
                + "&jakarta.faces.ViewState=1234567890%3A1234567890";

        HttpResponse<String> post = ada.send(HttpRequest.newBuilder(uri("/admin/users.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(forged)).build(), HttpResponse.BodyHandlers.ofString());

        assertAll(
                () -> assertEquals(400, post.statusCode()),
                () -> assertTrue(post.body().contains("This page has expired"), "the friendly expired page"),
                () -> assertFalse(get(ada, "/admin/users.xhtml", "text/html").body().contains(">forged<"),
                        "no user was created"));
    }

    /**
     * The "page expired" page offers to open the failed page again. Its link came from the raw request URI: a
     * stale post to {@code //evil.example/../login.xhtml} (Undertow serves it as the login page) linked to
     * {@code //evil.example/../login.xhtml}, which a browser opens on evil.example. Only a local path may appear
     * there; anything else falls back to the home page.
     */
    @Test
    void theExpiredPagesLinkLeadsOnlyToALocalPath() throws Exception {
        String stale = "loginForm=loginForm&jakarta.faces.ViewState=1234567890%3A1234567890";
        HttpResponse<String> local = postForm("/login.xhtml", stale);
        HttpResponse<String> crafted = postForm("//evil.example/../login.xhtml", stale);

        assertAll(
                () -> assertEquals(400, local.statusCode()),
                () -> assertEquals("/login.xhtml", startAgainLink(local.body()), local.body()),
                () -> assertEquals(400, crafted.statusCode()),
                () -> assertTrue(crafted.body().contains("This page has expired"), "the friendly expired page"),
                () -> assertEquals("/", startAgainLink(crafted.body()), crafted.body()),
                () -> assertFalse(crafted.body().contains("evil.example"), "no trace of the crafted host"));
    }

    private HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String startAgainLink(String page) {
        Matcher link = Pattern.compile("id=\"start-again\"[^>]*href=\"([^\"]*)\"").matcher(page);
        return link.find() ? link.group(1) : "(no link)";
    }

    @Test
    void unknownApiPathsAnswerProblemJson() throws Exception {
        HttpResponse<String> missing = get(http, "/api/no-such-resource", "application/json");

        assertAll(
                () -> assertEquals(404, missing.statusCode()),
                () -> assertEquals("application/problem+json", missing.headers().firstValue("Content-Type").orElse("")),
                () -> assertTrue(missing.body().contains("\"status\":404"), missing.body()),
                () -> assertTrue(missing.body().contains("\"title\":\"Not Found\""), missing.body()));
    }

    @Test
    void theApiSaysWhoIsLoggedInOr401AsProblemJson() throws Exception {
        HttpResponse<String> guest = get(http, "/api/me", "application/json");
        HttpResponse<String> ada = get(loggedIn("ada", "portico-demo"), "/api/me", "application/json");

        assertAll(
                () -> assertEquals(401, guest.statusCode()),
                () -> assertEquals("application/problem+json", guest.headers().firstValue("Content-Type").orElse("")),
                () -> assertTrue(guest.body().contains("\"detail\":\"Log in to Portico first.\""), guest.body()),
                () -> assertEquals(200, ada.statusCode()),
                () -> assertTrue(ada.body().contains("\"username\":\"ada\""), ada.body()),
                () -> assertTrue(ada.body().contains("\"site-admin\""), ada.body()));
    }

    @Test
    void afterLoginTheContinueParameterLeadsOnlyToLocalPages() throws Exception {
        assertAll(
                () -> assertEquals(uri("/admin/users.xhtml?tab=1").toString(), loginLocation("/admin/users.xhtml?tab=1")),
                () -> assertEquals(uri("/home.xhtml").toString(), loginLocation("https://evil.example/phish")),
                () -> assertEquals(uri("/home.xhtml").toString(), loginLocation("//evil.example/phish")),
                () -> assertEquals(uri("/home.xhtml").toString(), loginLocation("/\\evil.example/phish")),
                () -> assertEquals(uri("/home.xhtml").toString(), loginLocation("javascript:alert(1)")),
                () -> assertEquals(uri("/home.xhtml").toString(), loginLocation("/%2F%2Fevil.example")));
    }

    private HttpClient loggedIn(String username, String password) throws IOException, InterruptedException {
        return FormLogin.loggedIn(uri("").toString(), username, password);
    }

    /** Where a successful login with the given {@code continue} value redirects to. */
    private String loginLocation(String continueTo) throws IOException, InterruptedException {
        HttpResponse<String> response = FormLogin.submit(FormLogin.newClient(), uri("").toString(), "alice", "portico-demo", continueTo);
        assertEquals(302, response.statusCode());
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static Path serverLog() {
        return Path.of(System.getProperty("portico.it.server.log", "target/server/standalone/log/server.log"));
    }
}
