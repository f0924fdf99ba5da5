package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The content editor's story in Chromium: eddie writes a page in the built-in CMS with a heading, a link and a
 * deep-link reference, saves a draft (alice cannot see it), previews it in the real layout, publishes it (alice reads
 * it at /p/{slug}, the reference a real deep link), edits it (version 2), restores version 1 and publishes that; a
 * script or an onerror handler sent in place of the editor's HTML never reaches the page; an edit made meanwhile by
 * someone else is refused with who and when, and "reload" shows theirs.
 */
class CmsEditorIT extends BrowserTestBase {

    /** Puts HTML into the text editor as if typed (Quill's API; the hidden input follows). */
    private void write(String html) {
        editorReady();
        ((JavascriptExecutor) browser()).executeScript("PF('bodyEditor').editor.setContents([]);"
                + "PF('bodyEditor').editor.clipboard.dangerouslyPasteHTML(0, arguments[0], 'user');", html);
    }

    /** Waits until PrimeFaces has rendered the text editor (a deferred widget: after the page has loaded). */
    private void editorReady() {
        waitUntil(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return !!(window.PF && PF('bodyEditor') && PF('bodyEditor').editor);")));
    }

    /** Makes the words {@code text} in the editor a link to {@code href}, as the link button does. */
    private void link(String text, String href) {
        ((JavascriptExecutor) browser()).executeScript("var q = PF('bodyEditor').editor; var i = q.getText().indexOf(arguments[0]);"
                + "q.formatText(i, arguments[0].length, 'link', arguments[1], 'user');", text, href);
    }

    /** Clicks an editor button and waits for its message. */
    private void press(String button, String message) {
        find("#editor\\:" + button).click();
        waitUntil(d -> find("#editor\\:state").getText().length() > 0
                && d.findElements(By.cssSelector(".ui-growl-message")).stream().anyMatch(m -> m.getText().contains(message)));
    }

    private String status() {
        return find("#editor\\:status").getText();
    }

    private void createPage(String slug, String title) {
        open("/cms/index.xhtml");
        find("#items\\:new").click();
        type("#createForm\\:newKey", slug);
        type("#createForm\\:newTitle", title);
        andWaitForNewPage(() -> find("#createForm\\:create").click());
        waitUntil(ExpectedConditions.urlContains("/cms/edit.xhtml"));
        find("#editor\\:body .ql-editor");
    }

    @Test
    void eddieWritesPreviewsPublishesEditsAndRestoresAPageAliceReads() throws Exception {
        String slug = ItSupport.unique("hours");
        loginAs("eddie", DEMO_PASSWORD);
        createPage(slug, "Opening hours");
        String editor = browser().getCurrentUrl();

        write("<h2>When we are open</h2><p>Mondays to Fridays, see invoice 42 or the handbook.</p>");
        link("invoice 42", "portico:link/invoice/42");
        link("the handbook", "https://docs.example/handbook");
        press("save", "Draft saved");
        String draftStatus = status();

        open("/cms/preview.xhtml?kind=page&key=" + slug + "&lang=en");
        String preview = find("main#content").getText();
        String previewLink = find("article a[href*='/link/']").getAttribute("href");

        logout();
        loginAs("alice", DEMO_PASSWORD);
        open("/p/" + slug);
        String draftForAlice = find("main#content").getText();

        open("/home.xhtml"); // the user menu's logout posts back to its view, which an error page is not
        logout();
        loginAs("eddie", DEMO_PASSWORD);
        browser().get(editor);
        press("publish", "Published");
        String publishedStatus = status();

        logout();
        loginAs("alice", DEMO_PASSWORD);
        open("/p/" + slug);
        String published = find("article.portico-cms-page").getText();
        String deepLink = find("article a[href*='/link/']").getAttribute("href");
        String external = find("article a[href^='https://docs.example']").getAttribute("rel");
        snapshot("alice-reads-version-1");

        logout();
        loginAs("eddie", DEMO_PASSWORD);
        browser().get(editor);
        write("<h2>When we are open</h2><p>Mondays to Saturdays.</p>");
        press("save", "Draft saved");
        String changedStatus = status();
        // Newest first: 3 (the draft), 2 (published), 1 (the empty draft "New" made).
        List<WebElement> versions = all("#versions\\:versionTable_data > tr");
        WebElement version2 = versions.get(1);
        version2.findElement(By.cssSelector("[id$=':compare']")).click();
        String diff = find("#diffForm").getText();
        snapshot("diff");
        browser().findElement(By.cssSelector("#diffDialog .ui-dialog-titlebar-close")).click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("diffDialog")));
        all("#versions\\:versionTable_data > tr").get(1).findElement(By.cssSelector("[id$=':restore']")).click();
        waitUntil(d -> find("#saved").getText().contains("Version 4"));
        editorReady();
        String restoredBody = (String) ((JavascriptExecutor) browser()).executeScript(
                "return PF('bodyEditor').editor.root.innerHTML");
        String versionCount = String.valueOf(all("#versions\\:versionTable_data > tr").size());
        press("publish", "Published");

        logout();
        loginAs("alice", DEMO_PASSWORD);
        open("/p/" + slug);
        String afterRestore = find("article.portico-cms-page").getText();

        assertAll(
                () -> assertEquals("Draft", draftStatus),
                () -> assertTrue(preview.contains("Preview of the draft"), preview),
                () -> assertTrue(preview.contains("Mondays to Fridays"), preview),
                () -> assertTrue(previewLink.endsWith("/link/invoice/42"), previewLink),
                () -> assertTrue(draftForAlice.contains("Page not found"), "a draft is no page for readers: " + draftForAlice),
                () -> assertEquals("Published", publishedStatus),
                () -> assertTrue(published.contains("When we are open"), published),
                () -> assertTrue(deepLink.endsWith("/link/invoice/42"), "a real deep link: " + deepLink),
                () -> assertTrue(external.contains("noopener"), external),
                () -> assertEquals("Changed since published", changedStatus),
                () -> assertTrue(diff.contains("− <p>Mondays to Fridays"), diff),
                () -> assertTrue(diff.contains("+ <p>Mondays to Saturdays.</p>"), diff),
                () -> assertTrue(restoredBody.contains("Mondays to Fridays"), restoredBody),
                () -> assertEquals("4", versionCount, "restoring saved version 2 again as version 4"),
                () -> assertTrue(afterRestore.contains("Mondays to Fridays"), "version 1 again: " + afterRestore));
    }

    @Test
    void aReviewerReadsTheDraftThroughASignedLinkThatShowsThatVersionOnly() throws Exception {
        String slug = ItSupport.unique("review");
        loginAs("eddie", DEMO_PASSWORD);
        createPage(slug, "For review");
        write("<p>Version one for the lawyers.</p>");
        press("save", "Draft saved");
        find("#editor\\:share").click();
        find("#shareForm\\:create").click();
        String link = waitUntil(d -> {
            var fields = d.findElements(By.cssSelector("#shareForm\\:link"));
            return fields.isEmpty() || fields.get(0).getAttribute("value").isEmpty() ? null
                    : fields.get(0).getAttribute("value");
        });
        snapshot("share-dialog");
        browser().findElement(By.cssSelector("#shareDialog .ui-dialog-titlebar-close")).click();
        write("<p>Version two, not for review yet.</p>");
        press("save", "Draft saved");

        open("/home.xhtml");
        logout();
        loginAs("alice", DEMO_PASSWORD);
        browser().get(link);
        String reviewed = find("main#content").getText();
        String token = link.substring(link.lastIndexOf('/') + 1);
        browser().get(link.substring(0, link.lastIndexOf('/') + 1) + (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1));
        String tampered = find("main#content").getText();
        open("/p/" + slug);
        String unpublished = find("main#content").getText();

        assertAll(
                () -> assertTrue(link.matches(".*/review/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}"), link),
                () -> assertFalse(link.contains("?"), "no token in a query"),
                () -> assertTrue(reviewed.contains("Version one for the lawyers."), reviewed),
                () -> assertFalse(reviewed.contains("Version two"), "the version the link names, not the draft now"),
                () -> assertTrue(reviewed.contains("For review: version 2"), "version 1 is the empty draft made by New: " + reviewed),
                () -> assertTrue(tampered.contains("Page not found"), tampered),
                () -> assertTrue(unpublished.contains("Page not found"), "a review link publishes nothing"));
    }

    @Test
    void aScriptOrAnEventHandlerSentAsTheBodyNeverReachesThePage() {
        String slug = ItSupport.unique("xss");
        loginAs("eddie", DEMO_PASSWORD);
        createPage(slug, "Not harmful");
        // What a hostile client could post in place of the editor's HTML: straight into the form field.
        ((JavascriptExecutor) browser()).executeScript("document.getElementById('editor:body_input').value = arguments[0];",
                "<p id=\"x\" onclick=\"window.hacked=1\">Safe text</p><script>window.hacked=2</script>"
                        + "<img src=\"https://cdn.example/x.png\" onerror=\"window.hacked=3\"><a href=\"javascript:window.hacked=4\">j</a>");
        // Save without letting the editor write its own value over the field.
        ((JavascriptExecutor) browser()).executeScript("PF('bodyEditor').editor.off('text-change');");
        press("publish", "Published");

        open("/p/" + slug);
        String html = find("article.portico-cms-page").getAttribute("innerHTML");
        Object hacked = ((JavascriptExecutor) browser()).executeScript("return window.hacked || null;");

        assertAll(
                () -> assertTrue(html.contains("Safe text"), html),
                () -> assertFalse(html.contains("script"), html),
                () -> assertFalse(html.contains("onclick"), html),
                () -> assertFalse(html.contains("onerror"), html),
                () -> assertFalse(html.contains("javascript:"), html),
                () -> assertEquals(null, hacked));
    }

    @Test
    void aChangeMadeMeanwhileIsRefusedSayingWhoAndWhenAndReloadShowsTheirs() throws Exception {
        String slug = ItSupport.unique("both");
        loginAs("eddie", DEMO_PASSWORD);
        createPage(slug, "Written by two");
        write("<p>Eddie's first words.</p>");
        press("save", "Draft saved");
        String editor = browser().getCurrentUrl();

        // ada changes the page meanwhile, through the API with her own session.
        var ada = FormLogin.loggedIn(url(""), "ada", DEMO_PASSWORD);
        var path = "/api/cms/pages/" + slug + "/en";
        var read = ada.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .header("Accept", "application/json").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        var saved = ada.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("If-Match", read.headers().firstValue("ETag").orElseThrow())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Written by two\",\"body\":\"<p>Ada's words.</p>\",\"roles\":[\"end-user\"]}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, saved.statusCode(), saved.body());

        write("<p>Eddie's second words.</p>");
        find("#editor\\:save").click();
        String stale = find("#staleMessage").getText();
        String typed = (String) ((JavascriptExecutor) browser()).executeScript("return PF('bodyEditor').editor.getText()");
        find("#editor\\:reload").click();
        waitUntil(d -> ((String) ((JavascriptExecutor) d).executeScript("return PF('bodyEditor').editor.getText()"))
                .contains("Ada's words."));

        assertAll(
                () -> assertTrue(stale.contains("changed by ada at"), stale),
                () -> assertTrue(typed.contains("Eddie's second words."), "nothing typed is lost before eddie chooses"),
                () -> assertTrue(browser().getCurrentUrl().equals(editor)));
    }
}
