package org.portico.web.cdn;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.portico.cdn.tag.CacheTag;
import org.portico.web.cms.CmsContentChanged;
import org.portico.web.edge.PorticoTags;
import org.portico.web.page.PortalPage;

/** What a cache tag names, as URLs, for CDNs that purge by URL only. */
class PurgeUrlsTest {

    private static final String SHA = "ab".repeat(32);

    private static final PortalPage HOME = page(PortalPage.HOME);
    private static final PortalPage TEAM = page("team");
    private static final PortalPage NEWS = page("news");

    /** What the widgets of each page show. */
    private static final Map<String, Set<CacheTag>> SHOWN = Map.of(
            PortalPage.HOME, Set.of(PorticoTags.app("demo-app"), PorticoTags.route("invoice")),
            "team", Set.of(PorticoTags.app("demo-app"), CmsContentChanged.tagOf("built-in",
                    org.portico.cms.spi.ContentKind.BLOCK, "welcome")),
            "news", Set.of(PorticoTags.route("invoice")));

    private static PortalPage page(String slug) {
        return new PortalPage(slug, slug, Set.of("guest"), true, 0, List.of());
    }

    private static Set<String> paths(String tag) {
        return PurgeUrls.paths(tag, List.of(HOME, TEAM, NEWS), page -> SHOWN.get(page.slug()));
    }

    @Test
    void aPageTagNamesThePageButTheHomePageIsNeverShared() {
        assertAll(
                () -> assertEquals(Set.of("/p/team"), paths(PorticoTags.page("team").value())),
                () -> assertEquals(Set.of("/p/gone"), paths("page:gone"), "a deleted page is purged too"),
                () -> assertEquals(Set.of(), paths("page:home")),
                () -> assertEquals(Set.of(), paths("page:../x")));
    }

    @Test
    void appsRoutesAndCmsItemsNameThePagesWhoseWidgetsShowThem() {
        assertAll(
                () -> assertEquals(Set.of("/p/team"), paths(PorticoTags.app("demo-app").value())),
                () -> assertEquals(Set.of("/p/news"), paths(PorticoTags.route("invoice").value())),
                () -> assertEquals(Set.of("/p/team"), paths("cms:built-in:block:welcome")),
                () -> assertEquals(Set.of("/p/about"), paths("cms:built-in:page:about"),
                        "the built-in store's page at its own URL"),
                () -> assertEquals(Set.of(), paths("cms:team-blog:page:about"), "an external page has no URL of its own"),
                () -> assertEquals(Set.of(), paths(PorticoTags.app("other").value())));
    }

    @Test
    void theNavigationEverythingAndImagesAreWildcards() {
        assertAll(
                () -> assertEquals(Set.of("/p/*"), paths("nav")),
                () -> assertEquals(Set.of("/*"), paths("portico")),
                () -> assertEquals(Set.of("/media/" + SHA + "*"), paths(PorticoTags.media(SHA).value())),
                () -> assertEquals(Set.of(), paths("media:not-a-hash")),
                () -> assertEquals(Set.of(), paths("something-else")));
    }

    @Test
    void aCmsTagNamesItsSourceKindAndKey() {
        assertAll(
                () -> assertEquals(Optional.of(new PurgeUrls.Item("built-in", "page", "about")),
                        PurgeUrls.item("cms:built-in:page:about")),
                () -> assertEquals(Optional.of(new PurgeUrls.Item("team-blog", "block", "a:b")),
                        PurgeUrls.item("cms:team-blog:block:a:b"), "a key may hold colons"));
    }

    @Test
    void otherTagsNameNoItem() {
        assertAll(
                () -> assertEquals(Optional.empty(), PurgeUrls.item("media:abc")),
                () -> assertEquals(Optional.empty(), PurgeUrls.item("cms:built-in:widget:x")),
                () -> assertEquals(Optional.empty(), PurgeUrls.item("cms:built-in:page:")),
                () -> assertEquals(Optional.empty(), PurgeUrls.item("cms::page:about")));
    }
}
