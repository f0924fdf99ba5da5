package org.portico.web.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logs an HTTP client in through the real login form, the way a browser without JavaScript would. */
final class FormLogin {

    private FormLogin() {
    }

    /** A client with its own cookie jar that follows no redirects. */
    static HttpClient newClient() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A client with its own cookie jar, logged in as the given user; it follows no redirects. */
    static HttpClient loggedIn(String root, String username, String password) throws IOException, InterruptedException {
        HttpClient client = newClient();
        HttpResponse<String> response = submit(client, root, username, password, "");
        assertEquals(302, response.statusCode(), "login of " + username + " redirects");
        return client;
    }

    /** Opens the login page and posts its form, the way a browser without JavaScript would. */
    static HttpResponse<String> submit(HttpClient client, String root, String username, String password, String continueTo)
            throws IOException, InterruptedException {
        String form = client.send(HttpRequest.newBuilder(URI.create(root + "/login.xhtml")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String body = "login=login&login%3Ausername=" + username + "&login%3Apassword=" + password
                + "&login%3Acontinue=" + URLEncoder.encode(continueTo, StandardCharsets.UTF_8)
                + "&login%3Asubmit=&jakarta.faces.ViewState=" + URLEncoder.encode(viewState(form, "login"), StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create(root + "/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs out through the user menu's form, as the browser does when the menu item is clicked. */
    static void logout(HttpClient user, String root) throws IOException, InterruptedException {
        String home = user.send(HttpRequest.newBuilder(URI.create(root + "/home.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String body = "userMenu=userMenu&userMenu%3Alogout=userMenu%3Alogout&jakarta.faces.ViewState="
                + URLEncoder.encode(viewState(home, "userMenu"), StandardCharsets.UTF_8);
        HttpResponse<String> response = user.send(HttpRequest.newBuilder(URI.create(root + "/home.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, response.statusCode(), "logout redirects");
        assertTrue(response.headers().firstValue("Location").orElse("").contains("loggedOut=true"));
    }

    /** The view state of the form with this id on the page. */
    static String viewState(String page, String formId) {
        Matcher viewState = Pattern.compile("id=\"" + formId + "\".*?name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"",
                Pattern.DOTALL).matcher(page);
        assertTrue(viewState.find(), "the form " + formId + " has a view state");
        return viewState.group(1);
    }
}
