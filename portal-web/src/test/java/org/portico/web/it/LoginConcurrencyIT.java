package org.portico.web.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, item 6: the login throttle checked the lock, hashed the password and only then recorded the failure, so
 * 30 concurrent wrong passwords for one user all reached the password check. Now the check and the reservation of an
 * attempt are one atomic step: of 30 parallel form posts at most {@code LoginThrottle.USER_FREE_ATTEMPTS} (5) are
 * checked against the password, which the audit log shows ("wrong username or password" versus "locked after too many
 * failed attempts" or "too many logins at once").
 */
class LoginConcurrencyIT extends ApiTestBase {

    private static final int PARALLEL = 30;
    private static final int FREE_ATTEMPTS = 5;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    /**
     * The page's CSP nonce, which PrimeFaces' script adds to a form post and checks when the answer is rendered (the
     * login page with its message, after a failed login).
     */
    private static String nonce(String page) {
        Matcher nonce = Pattern.compile("<script[^>]+nonce=\"([^\"]+)\"").matcher(page);
        assertTrue(nonce.find(), "the login page has a CSP nonce");
        return nonce.group(1);
    }

    @Test
    void thirtyParallelWrongPasswordsForOneUserReachThePasswordCheckAtMostFiveTimes() throws Exception {
        // The throttle does not care whether the user exists; a name of its own keeps the demo users unlocked.
        String username = "guess-target-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        // Each "browser" opens the login page first (its own session and view state), then all post at once.
        List<HttpClient> browsers = new ArrayList<>();
        List<HttpRequest> posts = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            HttpClient browser = FormLogin.newClient();
            String page = browser.send(HttpRequest.newBuilder(URI.create(root() + "/login.xhtml")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String body = "login=login&login%3Ausername=" + username + "&login%3Apassword=wrong-password-" + i
                    + "&login%3Acontinue=&login%3Asubmit=&jakarta.faces.ViewState="
                    + URLEncoder.encode(FormLogin.viewState(page, "login"), StandardCharsets.UTF_8)
                    + "&primefaces.nonce=" + URLEncoder.encode(nonce(page), StandardCharsets.UTF_8);
            browsers.add(browser);
            posts.add(HttpRequest.newBuilder(URI.create(root() + "/login.xhtml"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            sent.add(browsers.get(i).sendAsync(posts.get(i), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : sent) {
            responses.add(response.get(2, TimeUnit.MINUTES));
        }

        long wrong = responses.stream().filter(r -> r.body().contains("Wrong username or password.")).count();
        long throttled = responses.stream().filter(r -> r.body().contains("Too many failed attempts. Wait")).count();
        long busy = responses.stream().filter(r -> r.body().contains("Too many logins at once.")).count();
        HttpResponse<String> audit = get(FormLogin.loggedIn(root(), "ada", "portico-demo"),
                "/api/admin/audit.csv?action=LOGIN_FAILED&target=" + URLEncoder.encode("user:" + username,
                        StandardCharsets.UTF_8));
        long checkedInAudit = audit.body().lines().filter(line -> line.contains("user:" + username)
                && line.contains("wrong username or password")).count();
        long refusedInAudit = audit.body().lines().filter(line -> line.contains("user:" + username)
                && (line.contains("locked after too many failed attempts") || line.contains("too many logins at once")))
                .count();

        assertAll(
                () -> assertTrue(responses.stream().allMatch(r -> r.statusCode() == 200),
                        "every post answers the login page: " + responses.stream().map(HttpResponse::statusCode).toList()
                                + " " + responses.get(0).body().replaceAll("\\s+", " ")
                                .substring(0, Math.min(2000, responses.get(0).body().length()))),
                () -> assertEquals(PARALLEL, wrong + throttled + busy, "each answer says why"),
                () -> assertTrue(wrong >= 1 && wrong <= FREE_ATTEMPTS, "checked against the password: " + wrong),
                () -> assertEquals(200, audit.statusCode(), audit.body()),
                () -> assertEquals(wrong, checkedInAudit, "audited as checked"),
                () -> assertEquals(PARALLEL - wrong, refusedInAudit, "audited as refused before the check"));
    }
}
