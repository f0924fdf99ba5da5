package org.portico.cdn.tag;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CacheTagsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cms:builtin:page:about|cms:builtin:page:about",
            "page:welcome|page:welcome",
            "cms:wp:page:über uns|cms:wp:page:%C3%BCber%20uns",
            "cms:strapi:block:a,b|cms:strapi:block:a%2Cb",
            "cms:x:page:100%|cms:x:page:100%25",
            "media:ab/cd@e~f|media:ab/cd@e~f"})
    void namesTheHeadersCannotCarryArePercentEncoded(String name, String value) {
        assertEquals(value, CacheTag.of(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a,b", "100%", "%zz", "%4", "ü", "tab\there"})
    void aValueOutsideTheSafeFormIsRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> new CacheTag(value));
    }

    @Test
    void aNameTooLongForCdnsIsRefused() {
        assertAll(
                () -> assertEquals(1024, CacheTag.of("x".repeat(1024)).value().length()),
                () -> assertThrows(IllegalArgumentException.class, () -> CacheTag.of("x".repeat(1025))),
                () -> assertThrows(IllegalArgumentException.class, () -> CacheTag.of("ü".repeat(200))));
    }

    @Test
    void headersListEachTagOnceInOrder() {
        CacheTags tags = CacheTags.of(List.of(CacheTag.of("portico"), CacheTag.of("page:welcome"),
                CacheTag.of("cms:builtin:block:welcome"), CacheTag.of("page:welcome")));
        assertAll(
                () -> assertEquals("portico page:welcome cms:builtin:block:welcome", tags.surrogateKey()),
                () -> assertEquals("portico,page:welcome,cms:builtin:block:welcome", tags.cacheTag()),
                () -> assertEquals(3, tags.tags().size()));
    }

    @Test
    void aBudgetCountsTheSeparators() {
        CacheTags tags = CacheTags.of(List.of(CacheTag.of("abcd"), CacheTag.of("efgh"))); // "abcd efgh": 9 bytes
        assertAll(
                () -> assertTrue(tags.fits(9)),
                () -> assertFalse(tags.fits(8)),
                () -> assertTrue(CacheTags.none().fits(1)),
                () -> assertTrue(CacheTags.of(Collections.nCopies(1, CacheTag.of("x"))).fits(1)),
                () -> assertThrows(IllegalArgumentException.class, () -> tags.fits(0)));
    }
}
