package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A content editor's API token in Chromium and on the wire: eddie makes one on the CMS's "API tokens" page (a blank
 * name is refused next to its input, nothing made), copies it from the dialog that shows it once, and a
 * script without any cookie lists and creates CMS items with it — from any origin, as it carries no ambient
 * credential; the same token opens nothing outside the CMS API; a made-up token is a 401 problem+json; the page then
 * says when it was last used; eddie revokes it and it is refused at once. alice, no content editor, cannot reach the
 * page.
 */
class ApiTokenIT extends BrowserTestBase {

    private static final String PROBLEM = "application/problem+json";

    private HttpResponse<String> call(String token, String method, String path, String json, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String page(String slug) {
        return Json.createObjectBuilder().add("kind", "page").add("key", slug).add("locale", "en")
                .add("title", "Made by a script").add("summary", "").add("body", "<p>From the build server.</p>")
                .add("roles", Json.createArrayBuilder().add("end-user")).build().toString();
    }

    @Test
    void eddieMakesUsesAndRevokesAnApiTokenForTheCmsApi() throws Exception {
        loginAs("eddie", DEMO_PASSWORD);
        open("/cms/index.xhtml");
        andWaitForNewPage(() -> find("#items\\:tokens").click());
        type("#tokens\\:name", "   ");
        find("#tokens\\:create").click();
        String blank = waitUntil(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".ui-message-error"))).getText();
        boolean noneMade = present("#tokens\\:table .ui-datatable-empty-message");

        type("#tokens\\:name", "build server");
        find("#tokens\\:create").click();
        String token = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("madeForm:secret")))
                .getAttribute("value");
        snapshot("made");
        find("#madeForm\\:done").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("madeDialog")));

        String slug = unique("scripted");
        HttpResponse<String> list = call(token, "GET", "/api/cms/items", null);
        HttpResponse<String> created = call(token, "POST", "/api/cms/items", page(slug),
                "Origin", "https://tools.example");
        HttpResponse<String> elsewhere = call(token, "GET", "/api/admin/pages", null);
        HttpResponse<String> madeUp = call("pt_" + "A".repeat(43), "GET", "/api/cms/items", null);
        HttpResponse<String> malformed = call("not-a-token", "GET", "/api/cms/items", null);

        open("/cms/tokens.xhtml");
        String listed = find("#tokens\\:table").getText();
        find("#tokens\\:table [id$=':revoke']").click();
        find(".ui-confirmdialog-yes").click();
        waitUntil(d -> find("#tokens\\:table").getText().contains("Revoked"));
        snapshot("revoked");
        HttpResponse<String> afterRevoke = call(token, "GET", "/api/cms/items", null);

        logout();
        loginAs("alice", DEMO_PASSWORD);
        open("/cms/tokens.xhtml");
        String toAlice = find("main#content").getText(); // a 403 shown as "not found": which pages exist is no one's business

        assertAll(
                () -> assertTrue(blank.contains("1 to 60 characters"), blank),
                () -> assertTrue(noneMade, "nothing made"),
                () -> assertTrue(token.matches("pt_[A-Za-z0-9_-]{43}"), token),
                () -> assertEquals(200, list.statusCode(), list.body()),
                () -> assertEquals(201, created.statusCode(), created.body()),
                () -> assertEquals("draft", ItSupport.json(created).getString("status")),
                () -> assertFalse(list.headers().firstValue("Set-Cookie").isPresent(), "no session for a token"),
                () -> assertEquals(401, elsewhere.statusCode(), "only the CMS API: " + elsewhere.body()),
                () -> assertEquals(401, madeUp.statusCode()),
                () -> assertEquals(PROBLEM, madeUp.headers().firstValue("Content-Type").orElse("").split(";")[0]),
                () -> assertTrue(madeUp.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token")),
                () -> assertEquals(401, malformed.statusCode()),
                () -> assertTrue(listed.contains("build server"), listed),
                () -> assertFalse(listed.contains("never"), "last used is shown: " + listed),
                () -> assertEquals(401, afterRevoke.statusCode(), "revoked: refused at once"),
                () -> assertFalse(toAlice.contains("build server")),
                () -> assertTrue(toAlice.contains("Page not found"), toAlice));
    }
}
