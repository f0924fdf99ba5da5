package org.portico.cdn.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.cdn.fingerprint.ContentHash;

class HttpCachingTest {

    private static final EntityTag CURRENT = EntityTag.strong("v2");

    @Test
    void strongTagOfContentIsTheQuotedFullHash() {
        ContentHash hash = ContentHash.of(new byte[] {1, 2, 3});
        assertEquals("\"" + hash.value() + "\"", EntityTag.of(hash).toHeaderValue());
    }

    @Test
    void comparisonFunctionsFollowRfc9110Table() {
        // RFC 9110 section 8.8.3.2, the example table
        EntityTag w1 = EntityTag.weak("1");
        EntityTag w2 = EntityTag.weak("2");
        EntityTag s1 = EntityTag.strong("1");
        assertAll(
                () -> assertFalse(w1.strongMatch(w1)), () -> assertTrue(w1.weakMatch(w1)),
                () -> assertFalse(w1.strongMatch(w2)), () -> assertFalse(w1.weakMatch(w2)),
                () -> assertFalse(w1.strongMatch(s1)), () -> assertTrue(w1.weakMatch(s1)),
                () -> assertTrue(s1.strongMatch(s1)), () -> assertTrue(s1.weakMatch(s1)));
    }

    @ParameterizedTest(name = "[{index}] If-None-Match: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"v2\"                    | true",
            "W/\"v2\"                  | true",
            "\"v1\"                    | false",
            "\"v1\", \"v2\"            | true",
            "\"v1\",\"v2\"             | true",
            "\"v1\" , W/\"v2\"         | true",
            ", ,\"v2\",                | true",
            "*                         | true",
            " * \t                     | true",
            "\"V2\"                    | false",
            "\"\"                      | false",
            "\"v1\", \"v3\"            | false",
    })
    void evaluatesIfNoneMatch(String field, boolean matches) {
        assertEquals(Optional.of(matches), IfNoneMatch.parse(List.of(field)).map(c -> c.matches(CURRENT)));
    }

    @Test
    void combinesRepeatedFieldLinesIntoOneList() {
        assertTrue(IfNoneMatch.parse(List.of("\"v1\"", "W/\"v2\"")).orElseThrow().matches(CURRENT));
    }

    @ParameterizedTest(name = "[{index}] malformed: {0}")
    @ValueSource(strings = {"", " ", "v2", "\"v2", "v2\"", "w/\"v2\"", "W/ \"v2\"", "\"v2\" \"v3\"", "*, \"v2\"",
            "\"v\"2\"", "\"a b\"", ",,"})
    void treatsMalformedOrEmptyFieldAsAbsent(String field) {
        assertEquals(Optional.empty(), IfNoneMatch.parse(List.of(field)));
    }

    @Test
    void absentOrOversizedFieldIsAbsent() {
        assertAll(
                () -> assertEquals(Optional.empty(), IfNoneMatch.parse(List.of())),
                () -> assertEquals(Optional.empty(), IfNoneMatch.parse(null)),
                () -> assertEquals(Optional.empty(),
                        IfNoneMatch.parse(List.of("\"" + "a".repeat(IfNoneMatch.MAX_FIELD_LENGTH) + "\""))));
    }

    @Test
    void entityTagParsesOneTagOnly() {
        assertAll(
                () -> assertEquals(Optional.of(EntityTag.weak("x")), EntityTag.parse(" W/\"x\" ")),
                () -> assertEquals(Optional.empty(), EntityTag.parse("\"x\", \"y\"")),
                () -> assertThrows(IllegalArgumentException.class, () -> EntityTag.strong("a\"b")));
    }

    @Test
    void cacheControlPolicies() {
        assertAll(
                () -> assertEquals("public, max-age=31536000, immutable", CacheControl.fingerprinted().toHeaderValue()),
                () -> assertEquals("no-cache", CacheControl.unversioned().toHeaderValue()),
                () -> assertEquals("no-store", CacheControl.noStore().toHeaderValue()),
                () -> assertEquals("public, max-age=60", CacheControl.publicFor(Duration.ofMinutes(1)).toHeaderValue()),
                () -> assertEquals("private, max-age=0", CacheControl.privateFor(Duration.ZERO).toHeaderValue()));
    }

    @Test
    void cacheControlRejectsImpossibleCombinations() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> CacheControl.publicFor(Duration.ofSeconds(-1))),
                () -> assertThrows(IllegalArgumentException.class, () -> CacheControl.publicFor(Duration.ofDays(366))),
                () -> assertThrows(IllegalArgumentException.class, () -> CacheControl.publicFor(Duration.ofMillis(1500))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new CacheControl(CacheControl.Mode.NO_STORE, Duration.ofSeconds(5), false)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new CacheControl(CacheControl.Mode.PUBLIC, Duration.ZERO, true)));
    }
}
