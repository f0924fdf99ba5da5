package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.junit.jupiter.api.Test;

/**
 * What a browser does with Portico's assets: on a repeat visit it takes every script, style sheet, font and icon
 * from its own cache and asks the server for nothing but the page (and the page's data); PrimeFaces, loaded
 * deferred, still binds its handlers.
 */
class AssetBrowserIT extends BrowserTestBase {

    /** The page's resources, from the Resource Timing API: URL, bytes over the network (0 when from cache). */
    private static final String RESOURCES = "return performance.getEntriesByType('resource')"
            + ".map(e => ({url: e.name, transferred: e.transferSize}));";

    @Test
    void aRepeatVisitTakesEveryAssetFromTheBrowsersCache() {
        loginAs("alice", DEMO_PASSWORD);
        open("/home.xhtml");
        find("#greeting");
        List<Map<String, Object>> first = resources();
        assertTrue(first.stream().anyMatch(r -> url(r).contains("/assets/faces/primefaces/components.")),
                first::toString);

        open("/home.xhtml");
        find("#greeting");
        List<Map<String, Object>> repeat = resources();
        List<String> assets = repeat.stream().map(AssetBrowserIT::url).filter(u -> u.contains("/assets/")).toList();
        List<String> fetched = repeat.stream()
                .filter(r -> url(r).contains("/assets/") && ((Number) r.get("transferred")).longValue() > 0)
                .map(AssetBrowserIT::url).toList();
        assertAll(
                () -> assertFalse(assets.isEmpty(), "the page loads assets"),
                () -> assertEquals(List.of(), fetched, "assets fetched again instead of taken from the cache"));
    }

    @Test
    void deferredPrimeFacesStillBindsTheHandlersOfThePage() {
        loginAs("alice", DEMO_PASSWORD);
        Object primeFaces = ((JavascriptExecutor) browser()).executeScript(
                "return typeof PrimeFaces === 'object' && typeof jQuery === 'function';");
        assertEquals(Boolean.TRUE, primeFaces);
        find("#userMenu\\:menu_button").click();
        assertTrue(find("#userMenu\\:logout").isDisplayed(), "the user menu opens");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> resources() {
        return (List<Map<String, Object>>) ((JavascriptExecutor) browser()).executeScript(RESOURCES);
    }

    private static String url(Map<String, Object> resource) {
        return String.valueOf(resource.get("url"));
    }
}
