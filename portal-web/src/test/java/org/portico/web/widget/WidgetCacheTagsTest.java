package org.portico.web.widget;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.portico.web.widget.Directories.json;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.portico.cdn.tag.CacheTag;
import org.portico.web.edge.PorticoTags;

/**
 * The cache tags of what widgets show: a guest page in a CDN carries them, so that a change of the app, route or
 * item purges it — also when the widget cannot be shown now (what it names is gone or disabled, and may come back).
 */
class WidgetCacheTagsTest {

    private final Directories directories = new Directories();

    @Test
    void anAppTileNamesItsAppAndItsRouteWhetherOrNotTheyExist() {
        AppTileType tile = AppTileTypeTest.tile(directories);
        assertAll(
                () -> assertEquals(Set.of(PorticoTags.app("demo-app"), PorticoTags.route("invoice")),
                        tile.cacheTags(json("{'app': 'demo-app', 'route': 'invoice', 'params': {'id': '42'}}"))),
                () -> assertEquals(Set.of(PorticoTags.app("gone-app")),
                        tile.cacheTags(json("{'app': 'gone-app', 'url': 'http://gone.example/'}"))),
                () -> assertEquals(Set.of(), tile.cacheTags(json("{'app': 42}"))),
                () -> assertEquals(Set.of(), tile.cacheTags(null)));
    }

    @Test
    void aLinksListNamesEveryEntrysAppAndRoute() {
        LinksListType list = new LinksListType();
        Set<CacheTag> tags = list.cacheTags(json("{'links': [{'label': 'A', 'route': 'invoice', 'params': {'id': '1'}},"
                + " {'label': 'B', 'app': 'demo-app', 'url': 'http://localhost/demo-app/'}, 'not an entry',"
                + " {'label': 'C', 'route': 'order'}]}"));
        assertEquals(Set.of(PorticoTags.route("invoice"), PorticoTags.app("demo-app"), PorticoTags.route("order")), tags);
    }

    @Test
    void aCmsWidgetNamesItsItemAsThePagesShowingItTagIt() {
        CmsBlockType block = new CmsBlockType();
        assertAll(
                () -> assertEquals(Set.of(CacheTag.of("cms:built-in:block:welcome")),
                        block.cacheTags(json("{'block': 'welcome'}"))),
                () -> assertEquals(Set.of(CacheTag.of("cms:team-blog:page:about")),
                        block.cacheTags(json("{'page': 'about', 'source': 'team-blog'}"))),
                () -> assertEquals(Set.of(), block.cacheTags(json("{'block': ''}"))));
    }
}
