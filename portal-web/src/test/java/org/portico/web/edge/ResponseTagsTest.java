package org.portico.web.edge;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.portico.cms.spi.ContentKind;
import org.portico.web.cms.CmsContentChanged;
import org.portico.web.cms.CmsService;

/** What a page collects while it renders, and that a purge names the same tags. */
class ResponseTagsTest {

    @Test
    void aPageCollectsEachTagOnceAfterTheTagOfEverything() {
        ResponseTags tags = new ResponseTags();
        tags.add(PorticoTags.page("welcome"));
        tags.add(PorticoTags.NAVIGATION);
        tags.add(CmsContentChanged.tagOf(CmsService.BUILT_IN, ContentKind.BLOCK, "welcome"));
        tags.add(PorticoTags.page("welcome"));
        assertAll(
                () -> assertEquals("portico page:welcome nav cms:built-in:block:welcome", tags.tags().surrogateKey()),
                () -> assertEquals("portico,page:welcome,nav,cms:built-in:block:welcome", tags.tags().cacheTag()),
                () -> assertFalse(tags.isShareable(), "tags alone share nothing: the page must declare it"));
        tags.shareable();
        assertTrue(tags.isShareable());
    }

    @Test
    void theTagAPageSendsIsTheTagAContentChangePurges() {
        // A WordPress slug with a space and an umlaut: the header form and the purge must be the same string.
        CmsContentChanged changed = new CmsContentChanged("team-wp", ContentKind.PAGE, "über uns", null);
        ResponseTags tags = new ResponseTags();
        tags.add(CmsContentChanged.tagOf("team-wp", ContentKind.PAGE, "über uns"));
        assertAll(
                () -> assertEquals("cms:team-wp:page:%C3%BCber%20uns", changed.tag()),
                () -> assertTrue(tags.tags().surrogateKey().endsWith(" " + changed.tag())));
    }

    @Test
    void mediaAndPagesHaveTheirOwnNames() {
        assertAll(
                () -> assertEquals("media:" + "a".repeat(64), PorticoTags.media("a".repeat(64)).value()),
                () -> assertEquals("page:about", PorticoTags.page("about").value()),
                () -> assertEquals("portico", PorticoTags.ALL.value()));
    }
}
