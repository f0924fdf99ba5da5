package org.portico.web.cdn;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which CMS item a cache tag names, for CDNs that purge by URL only. */
class CmsPurgeUrlsTest {

    @Test
    void aCmsTagNamesItsSourceKindAndKey() {
        assertAll(
                () -> assertEquals(Optional.of(new CmsPurgeUrls.Item("built-in", "page", "about")),
                        CmsPurgeUrls.item("cms:built-in:page:about")),
                () -> assertEquals(Optional.of(new CmsPurgeUrls.Item("team-blog", "block", "a:b")),
                        CmsPurgeUrls.item("cms:team-blog:block:a:b"), "a key may hold colons"));
    }

    @Test
    void otherTagsNameNoItem() {
        assertAll(
                () -> assertEquals(Optional.empty(), CmsPurgeUrls.item("media:abc")),
                () -> assertEquals(Optional.empty(), CmsPurgeUrls.item("cms:built-in:widget:x")),
                () -> assertEquals(Optional.empty(), CmsPurgeUrls.item("cms:built-in:page:")),
                () -> assertEquals(Optional.empty(), CmsPurgeUrls.item("cms::page:about")));
    }
}
