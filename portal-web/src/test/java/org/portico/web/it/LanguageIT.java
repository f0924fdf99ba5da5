package org.portico.web.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

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

/** The language on the wire: Accept-Language, the switch's POST and what it refuses. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LanguageIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String root() {
        return base.toString().replaceAll("/$", "");
    }

    private String contextPath() {
        return URI.create(root()).getPath();
    }

    private HttpResponse<String> page(String path, String acceptLanguage, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path)).GET();
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> choose(String form, String origin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + "/language"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String ownOrigin() {
        URI uri = URI.create(root());
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    @Test
    void pagesFollowAcceptLanguageAndTheCookieAndAreEnglishOtherwise() throws Exception {
        HttpResponse<String> none = page("/login.xhtml", null, null);
        HttpResponse<String> german = page("/login.xhtml", "de-CH,de;q=0.9,en;q=0.5", null);
        HttpResponse<String> french = page("/login.xhtml", "fr-FR,fr", null);
        HttpResponse<String> chosen = page("/login.xhtml", "de-DE,de", "PORTICO_LANG=en");
        HttpResponse<String> forged = page("/login.xhtml", "de-DE,de", "PORTICO_LANG=xx");
        HttpResponse<String> missing = page("/no-such-page.xhtml", "de", null);
        assertAll(
                () -> assertTrue(none.body().matches("(?s).*<html[^>]* lang=\"en\".*"), "no header: English"),
                () -> assertTrue(none.body().contains("Log in to Portico")),
                () -> assertTrue(german.body().matches("(?s).*<html[^>]* lang=\"de\".*")),
                () -> assertTrue(german.body().contains("Bei Portico anmelden")),
                () -> assertTrue(french.body().contains("Log in to Portico"), "a language Portico does not speak"),
                () -> assertTrue(chosen.body().contains("Log in to Portico"), "the cookie beats the browser"),
                () -> assertTrue(forged.body().contains("Bei Portico anmelden"), "an unknown cookie value is ignored"),
                () -> assertEquals(404, missing.statusCode()),
                () -> assertTrue(missing.body().contains("Seite nicht gefunden"), "error pages too"));
    }

    @Test
    void theSwitchSetsTheCookieAndGoesBackToThePage() throws Exception {
        String back = contextPath() + "/login.xhtml?continue=%2Fhome.xhtml";
        HttpResponse<String> switched = choose("lang=de&return=" + URLEncoder.encode(back, StandardCharsets.UTF_8), ownOrigin());

        String cookie = switched.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("PORTICO_LANG=")).findFirst().orElse("");
        assertAll(
                () -> assertEquals(303, switched.statusCode()),
                () -> assertEquals(back, switched.headers().firstValue("Location").orElse("")),
                () -> assertTrue(cookie.startsWith("PORTICO_LANG=de"), cookie),
                () -> assertTrue(cookie.contains("HttpOnly"), cookie),
                () -> assertTrue(cookie.contains("SameSite=Lax"), cookie),
                () -> assertTrue(cookie.toLowerCase().contains("max-age=31536000"), cookie),
                () -> assertEquals("no-store", switched.headers().firstValue("Cache-Control").orElse("")));
    }

    @Test
    void aSwitchFromAnotherSiteOrWithUnknownValuesChangesNothing() throws Exception {
        String back = URLEncoder.encode(contextPath() + "/login.xhtml", StandardCharsets.UTF_8);
        HttpResponse<String> crossSite = choose("lang=de&return=" + back, "https://evil.example");
        HttpResponse<String> unknownLanguage = choose("lang=fr&return=" + back, ownOrigin());
        HttpResponse<String> foreignReturn = choose("lang=de&return=" + URLEncoder.encode("https://evil.example/",
                StandardCharsets.UTF_8), ownOrigin());
        HttpResponse<String> get = page("/language?lang=de", null, null);
        assertAll(
                () -> assertEquals(403, crossSite.statusCode()),
                () -> assertTrue(crossSite.body().contains("This request was not accepted"), crossSite.body()),
                () -> assertEquals(400, unknownLanguage.statusCode()),
                () -> assertTrue(unknownLanguage.body().contains("Nothing was changed.")),
                () -> assertEquals(400, foreignReturn.statusCode()),
                () -> assertEquals(404, get.statusCode(), "a GET changes nothing (405 shows the not-found page)"),
                () -> assertTrue(get.body().contains("Page not found")));
        for (HttpResponse<String> refused : new HttpResponse[] {crossSite, unknownLanguage, foreignReturn, get}) {
            assertFalse(refused.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("PORTICO_LANG")),
                    "no language cookie after a refused switch");
        }
    }
}
