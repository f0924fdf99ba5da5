package org.portico.web.it;

import java.io.IOException;
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

/**
 * The home page's one-time sample link over HTTP, the way a browser without JavaScript clicks it: the button posts the
 * {@code samples} form with its view state, and the answer is the page that goes on to the freshly minted link.
 */
final class HomeSamples {

    private HomeSamples() {
    }

    /** Opens the home page as {@code user}. */
    static HttpResponse<String> home(HttpClient user, String root) throws IOException, InterruptedException {
        return user.send(HttpRequest.newBuilder(URI.create(root + "/home.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Clicks the one-time entry of the demo links list on a fresh home page; the answer (the page that goes on). */
    static HttpResponse<String> clickOffer(HttpClient user, String root) throws IOException, InterruptedException {
        HttpResponse<String> home = home(user, root);
        assertEquals(200, home.statusCode());
        Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(home.body());
        assertTrue(nonce.find(), "the page has PrimeFaces' CSP nonce");
        // PrimeFaces' script adds its CSP nonce to every form it posts, and checks it when the answer is rendered.
        String body = hiddenFields(home.body(), FORM) + "&primefaces.nonce="
                + URLEncoder.encode(nonce.group(1), StandardCharsets.UTF_8) + "&"
                + URLEncoder.encode(offerButton(home.body()), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode("Your one-time welcome offer", StandardCharsets.UTF_8);
        return user.send(HttpRequest.newBuilder(URI.create(root + "/home.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The demo home page's links list "Try a deep link" (widget id {@code try}): its form, its one-time entry. */
    static final String FORM = "w-try";
    static final String OFFER = "w-try-4";

    /** The name the one-time entry's button posts under (Faces names it; the page marks it data-link="w-try-4"). */
    static String offerButton(String page) {
        Matcher button = Pattern.compile("<input[^>]*data-link=\"" + OFFER + "\"[^>]*>").matcher(page);
        assertTrue(button.find(), "the page offers the one-time entry");
        Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(button.group());
        assertTrue(name.find(), button.group());
        return name.group(1);
    }

    /** Every hidden field of the form, URL-encoded, as a browser posts them (the form's own name, the view state). */
    static String hiddenFields(String page, String formId) {
        Matcher form = Pattern.compile("<form id=\"" + formId + "\".*?</form>", Pattern.DOTALL).matcher(page);
        assertTrue(form.find(), "the page has the form " + formId);
        Matcher input = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>").matcher(form.group());
        StringBuilder fields = new StringBuilder();
        while (input.find()) {
            Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(input.group());
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
            if (name.find()) {
                fields.append(fields.isEmpty() ? "" : "&").append(URLEncoder.encode(name.group(1), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(value.find() ? value.group(1).replace("&amp;", "&") : "",
                                StandardCharsets.UTF_8));
            }
        }
        return fields.toString();
    }

    /** The address the page that goes on leads to (its plain link, {@code #link-open}), HTML entities undone. */
    static String continuesTo(String page) {
        Matcher link = Pattern.compile("id=\"link-open\"[^>]*href=\"([^\"]+)\"").matcher(page);
        assertTrue(link.find(), "the page has a link to go on: " + page);
        return link.group(1).replace("&amp;", "&");
    }

    /** Clicks the one-time sample as {@code user}; the minted link's absolute address. */
    static String mintOffer(HttpClient user, String root) throws IOException, InterruptedException {
        HttpResponse<String> answer = clickOffer(user, root);
        assertEquals(200, answer.statusCode(), answer.body());
        return URI.create(root).resolve(continuesTo(answer.body())).toString();
    }
}
