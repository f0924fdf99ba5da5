package org.portico.web.it;

import static java.nio.charset.StandardCharsets.UTF_8;
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
 * The editor's image button in Chromium (issue 11): eddie chooses an image file with the toolbar's image button; it is
 * uploaded to the media store and appears at the cursor as {@code /media/<sha256>.png}, never as base64; a text file
 * called {@code .png} is refused with the server's message in the live region under the editor; pasted HTML loses a
 * {@code data:} image. eddie saves and publishes, and a guest sees the image, loaded, on {@code /p/{slug}}.
 */
class MediaEditorIT extends BrowserTestBase {

    private JavascriptExecutor script() {
        return (JavascriptExecutor) browser();
    }

    /** Creates a page for guests and end users through the API, from eddie's browser (its cookie, its origin). */
    private void createPage(String slug) {
        String item = Json.createObjectBuilder().add("kind", "page").add("key", slug).add("locale", "en")
                .add("title", "Our pictures").add("summary", "").add("body", "<p>Pictures follow.</p>")
                .add("roles", Json.createArrayBuilder().add("guest").add("end-user")).build().toString();
        Object status = script().executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/api/cms/items', {method: 'POST', credentials: 'same-origin', body: arguments[0],"
                + " headers: {'Content-Type': 'application/json', 'Accept': 'application/json'}})"
                + ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });", item);
        assertEquals(201L, status, "the page is created");
    }

    /** Waits until PrimeFaces has rendered the text editor (a deferred widget: after the page has loaded). */
    private void editorReady() {
        waitUntil(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return !!(window.PF && PF('bodyEditor') && PF('bodyEditor').editor);")));
    }

    /** Presses the toolbar's image button and gives its file chooser this file, as a person choosing it would. */
    private void chooseImage(Path file) {
        find("#editor\\:body button.ql-image").click();
        WebElement chooser = browser().findElement(By.cssSelector("#editor\\:body input.portico-media-file"));
        chooser.sendKeys(file.toAbsolutePath().toString());
    }

    private String mediaStatus() {
        return browser().findElements(By.cssSelector(".portico-media-status")).stream()
                .map(WebElement::getText).findFirst().orElse("");
    }

    @Test
    void eddieUploadsAnImageThroughTheImageButtonAndAGuestSeesItOnThePublishedPage() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int width = 100 + random.nextInt(200);
        Path png = Files.createTempFile("chart", ".png");
        Files.write(png, TestImages.drawn("png", width, 60, new Color(random.nextInt())));
        Path notes = Files.createTempFile("notes", ".png");
        Files.writeString(notes, "Just some notes, called .png.", UTF_8);
        String slug = ItSupport.unique("pictures");

        loginAs("eddie", DEMO_PASSWORD);
        createPage(slug);
        open("/cms/edit.xhtml?kind=page&key=" + slug + "&lang=en");
        editorReady();
        script().executeScript("var q = PF('bodyEditor').editor; q.setSelection(q.getLength() - 1, 0);");

        chooseImage(notes);
        waitUntil(d -> mediaStatus().contains("is no PNG, JPEG, GIF or WebP image"));
        String refusal = mediaStatus();

        chooseImage(png);
        WebElement inserted = find("#editor\\:body .ql-editor img[src^='/media/']");
        String src = inserted.getAttribute("src");
        String uploaded = mediaStatus();
        script().executeScript("PF('bodyEditor').editor.clipboard.dangerouslyPasteHTML(0,"
                + " '<p>Pasted <img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\"></p>', 'user');");
        String editorHtml = (String) script().executeScript("return PF('bodyEditor').editor.root.innerHTML;");
        snapshot("image-in-the-editor");

        find("#editor\\:save").click();
        find(".ui-growl-message"); // "Draft saved"
        find("#editor\\:publish").click();
        waitUntil(d -> find("#editor\\:state").getText().contains("/p/" + slug)); // the live page's link

        browser().manage().deleteAllCookies(); // a guest from here on
        open("/p/" + slug);
        WebElement shown = find("article img[src^='/media/']");
        waitUntil(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0;", shown)));
        long naturalWidth = (Long) script().executeScript("return arguments[0].naturalWidth;", shown);
        String pageHtml = find("article").getAttribute("innerHTML");
        snapshot("guest-sees-the-image");

        assertAll(
                () -> assertTrue(refusal.contains("notes"), refusal),
                () -> assertTrue(src.matches(".*/media/[0-9a-f]{64}\\.png"), src),
                () -> assertEquals("The image is in the text.", uploaded),
                () -> assertFalse(editorHtml.contains("data:"), "no base64 image: " + editorHtml),
                () -> assertEquals(width, naturalWidth, "the guest's browser loaded the image"),
                () -> assertTrue(pageHtml.contains("src=\"" + src.substring(src.indexOf("/media/")) + "\""), pageHtml));
    }
}
