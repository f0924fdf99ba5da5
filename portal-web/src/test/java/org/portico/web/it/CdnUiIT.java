package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.portico.web.cdn.RecordingPurgeServer;

/**
 * The site admin's CDN page, clicked through in Chromium: ada adds a Varnish target (the dialog built from the kind's
 * options), tests the connection (what was reached), purges a tag by hand while the endpoint fails — the queue shows
 * the purge failed with Varnish's answer and its next attempt — and, once the endpoint is back, "Retry now" makes it
 * done, "1 of 1 batches". Then she deletes the target. An end user finds neither the page nor its link.
 */
class CdnUiIT extends BrowserTestBase {

    private RecordingPurgeServer varnish;

    @BeforeEach
    void startVarnish() throws Exception {
        varnish = new RecordingPurgeServer();
    }

    @AfterEach
    void stopVarnish() throws Exception {
        varnish.close();
    }

    /** The queue's row that names the tag, once it shows. */
    private String queueRow(String tag) {
        return waitUntil(d -> {
            for (WebElement row : all("#queue\\:purges_data > tr")) {
                if (row.getText().contains(tag)) {
                    return row.getText();
                }
            }
            return null;
        });
    }

    private int queueIndex(String tag) {
        return waitUntil(d -> {
            List<WebElement> rows = all("#queue\\:purges_data > tr");
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).getText().contains(tag)) {
                    return i;
                }
            }
            return null;
        });
    }

    private int targetIndex(String name) {
        return waitUntil(d -> {
            List<WebElement> rows = all("#targets\\:table_data > tr");
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).getText().contains(name)) {
                    return i;
                }
            }
            return null;
        });
    }

    @Test
    void adaAddsAVarnishTargetTestsItAndRetriesAFailedPurgeUntilItIsDone() throws Exception {
        String name = unique("edge-");
        String tag = "cms:built-in:page:" + unique("ui-");
        loginAs("ada", DEMO_PASSWORD);
        clickToNavigate("#nav-cdn");
        find("#targets\\:table");

        // Add: Varnish is the first kind; its endpoint is the address Varnish listens on, no credential.
        find("#targets\\:new").click();
        find("#targetForm\\:name");
        waitUntil(d -> find("#targetDialog").isDisplayed());
        String dialog = find("#targetForm").getText();
        type("#targetForm\\:name", name);
        type("#targetForm\\:endpoint", varnish.endpoint());
        type("input[data-option='timeout']", "PT3S");
        snapshot("add-target");
        find("#targetForm\\:save").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("targetDialog")));
        int row = targetIndex(name);
        String added = all("#targets\\:table_data > tr").get(row).getText();
        assertAll(
                () -> assertTrue(dialog.contains("The HTTP address Varnish listens on"), dialog),
                () -> assertFalse(present("#targetForm\\:credential"), "Varnish takes no credential"),
                () -> assertTrue(added.contains("Varnish"), added),
                () -> assertTrue(added.contains(varnish.endpoint()), added),
                () -> assertTrue(added.contains("timeout: PT3S"), added),
                () -> assertTrue(added.contains("Enabled"), added));

        // Test connection: what was reached.
        find("#targets\\:table\\:" + row + "\\:test").click();
        String outcome = find("#targets\\:checkOutcome").getText();
        String summary = find("#targets\\:checkSummary").getText();
        assertAll(
                () -> assertEquals("Reached", outcome),
                () -> assertTrue(summary.contains("Varnish at " + varnish.endpoint()), summary),
                () -> assertEquals(List.of("portico:connection-check"), varnish.purgedTags()));

        // A manual purge while Varnish fails: the queue shows it failed, with Varnish's answer.
        varnish.failNext(1000);
        type("#purgeForm\\:tags", tag);
        find("#purgeForm\\:purge").click();
        waitUntil(d -> find("#queue\\:queueGrowl_container").getText().contains("queued"));
        waitUntil(d -> queueRow(tag).contains("Failed") && queueRow(tag).contains("503"));
        String failed = queueRow(tag);
        snapshot("failed");
        assertAll(
                () -> assertTrue(failed.contains("Backend fetch failed"), failed),
                () -> assertTrue(failed.contains("Next attempt:"), failed),
                () -> assertTrue(failed.contains("asked by ada"), failed),
                () -> assertTrue(failed.contains(name), failed));

        // Varnish is back: "Retry now" sends it at once.
        varnish.failNext(0);
        find("#queue\\:purges\\:" + queueIndex(tag) + "\\:retry").click();
        waitUntil(d -> queueRow(tag).contains("Done"));
        String done = queueRow(tag);
        snapshot("done");
        assertAll(
                () -> assertTrue(done.contains("1 of 1 batches"), done),
                () -> assertTrue(varnish.purgedTags().contains(tag)),
                () -> assertFalse(present("#queue\\:purges\\:" + queueIndex(tag) + "\\:retry"), "nothing to retry"));

        // Delete the target, after a confirmation: its queue goes with it.
        find("#targets\\:table\\:" + targetIndex(name) + "\\:delete").click();
        waitUntil(d -> find("#deleteForm\\:deleteConfirm").getText().contains(name));
        find("#deleteForm\\:confirm").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("deleteDialog")));
        waitUntil(d -> !find("#targets\\:table").getText().contains(name));
        assertFalse(find("#queue\\:purges").getText().contains(tag));
    }

    @Test
    void anEndUserFindsNeitherThePageNorItsLink() {
        assertAliceSeesNeitherPageNorLink("/admin/cdn.xhtml", "#nav-cdn");
    }
}
