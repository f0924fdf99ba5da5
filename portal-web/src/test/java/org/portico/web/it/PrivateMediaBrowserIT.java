package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.portico.web.media.TestImages;

/**
 * Private media in Chromium (issue 12): eddie ticks "Private" beside the editor's image button and uploads an image;
 * the editor shows it through a signed URL; after saving, the list under the editor names it private, and eddie makes
 * it public and private again there. alice sees the image, loaded, on the published page through a signed URL; a guest
 * sees the page without it. ada finds the public key to upload to CloudFront under Keys.
 */
class PrivateMediaBrowserIT extends BrowserTestBase {

    private JavascriptExecutor script() {
        return (JavascriptExecutor) browser();
    }

    private void createPage(String slug) {
        String item = Json.createObjectBuilder().add("kind", "page").add("key", slug).add("locale", "en")
                .add("title", "Floor plan").add("summary", "").add("body", "<p>Where we sit.</p>")
                .add("roles", Json.createArrayBuilder().add("guest").add("end-user")).build().toString();
        Object status = script().executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/api/cms/items', {method: 'POST', credentials: 'same-origin', body: arguments[0],"
                + " headers: {'Content-Type': 'application/json', 'Accept': 'application/json'}})"
                + ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });", item);
        assertEquals(201L, status, "the page is created");
    }

    private void editorReady() {
        waitUntil(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return !!(window.PF && PF('bodyEditor') && PF('bodyEditor').editor);")));
    }

    private void waitUntilLoaded(WebElement image) {
        waitUntil(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0;", image)));
    }

    private long naturalWidth(WebElement image) {
        return (Long) script().executeScript("return arguments[0].naturalWidth;", image);
    }

    private String mark() {
        return find(".portico-cms-image .portico-cms-image-mark").getText();
    }

    @Test
    void aliceSeesThePrivateImageEddieUploadedAndAGuestDoesNot() throws Exception {
        int width = 120 + ThreadLocalRandom.current().nextInt(200);
        Path png = Files.createTempFile("plan", ".png");
        Files.write(png, TestImages.drawn("png", width, 70, new Color(ThreadLocalRandom.current().nextInt())));
        String slug = ItSupport.unique("floor-plan");

        loginAs("eddie", DEMO_PASSWORD);
        createPage(slug);
        open("/cms/edit.xhtml?kind=page&key=" + slug + "&lang=en");
        editorReady();
        script().executeScript("var q = PF('bodyEditor').editor; q.setSelection(q.getLength() - 1, 0);");
        find("#editor\\:body input.portico-media-private-input").click();
        find("#editor\\:body button.ql-image").click();
        browser().findElement(By.cssSelector("#editor\\:body input.portico-media-file"))
                .sendKeys(png.toAbsolutePath().toString());
        WebElement inEditor = find("#editor\\:body .ql-editor img[src*='Signature=']");
        waitUntilLoaded(inEditor);
        String status = find(".portico-media-status").getText();
        long widthInEditor = naturalWidth(inEditor);

        find("#editor\\:save").click();
        find(".ui-growl-message"); // "Draft saved"
        String markAfterSave = mark();
        snapshot("private-image-listed");
        find(".portico-cms-image-toggle").click();
        waitUntil(d -> mark().equals("public"));
        find(".portico-cms-image-toggle").click();
        waitUntil(d -> mark().equals("private"));
        find("#editor\\:publish").click();
        waitUntil(d -> find("#editor\\:state").getText().contains("/p/" + slug));
        String savedBody = (String) script().executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/api/cms/pages/" + slug + "/en', {headers: {'Accept': 'application/json'}})"
                + ".then(function (r) { return r.json(); }).then(function (j) { done(j.body); });");
        logout();

        loginAs("alice", DEMO_PASSWORD);
        open("/p/" + slug);
        WebElement shown = find("article img[src*='/media/']");
        waitUntilLoaded(shown);
        String src = shown.getAttribute("src");
        long widthForAlice = naturalWidth(shown);
        snapshot("alice-sees-the-private-image");
        logout();

        open("/p/" + slug);
        String guestArticle = find("article").getAttribute("innerHTML");

        loginAs("ada", DEMO_PASSWORD);
        open("/admin/keys.xhtml");
        String pem = find("#url-signing-public-key").getText();
        String keyPairId = find("#url-signing-key-pair-id").getText();
        snapshot("keys-page-url-signing");

        assertAll(
                () -> assertEquals("The private image is in the text. Guests do not see it; logged-in readers get it"
                        + " through a link that expires.", status),
                () -> assertEquals(width, widthInEditor, "the editor shows the private image"),
                () -> assertEquals("private", markAfterSave),
                () -> assertTrue(savedBody.matches("(?s).*<img src=\"/media/[0-9a-f]{64}\\.png\".*"),
                        "the store keeps the path, no signature: " + savedBody),
                () -> assertTrue(src.matches("https?://[^/]+/media/[0-9a-f]{64}\\.png\\?Expires=\\d+&Signature=[^&]+"
                        + "&Key-Pair-Id=.+"), src),
                () -> assertEquals(width, widthForAlice, "alice's browser loaded the private image"),
                () -> assertTrue(guestArticle.contains("Where we sit."), guestArticle),
                () -> assertFalse(guestArticle.contains("<img"), guestArticle),
                () -> assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----") && pem.endsWith("-----END PUBLIC KEY-----"),
                        pem),
                () -> assertTrue(keyPairId.matches("portico-[0-9a-f]{12}"), keyPairId));
    }
}
