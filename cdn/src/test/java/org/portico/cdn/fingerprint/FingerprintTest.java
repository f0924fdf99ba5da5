package org.portico.cdn.fingerprint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintTest {

    private static final ContentHash HASH = ContentHash.of("body{font-family:sans-serif}".getBytes(UTF_8));

    @Test
    void hashIsUrlSafeBase64OfSha256() throws IOException {
        // SHA-256("abc") from FIPS 180-2, in base64url without padding
        ContentHash abc = ContentHash.of("abc".getBytes(UTF_8));
        assertAll(
                () -> assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", abc.value()),
                () -> assertEquals("ungWv48Bz-pB", abc.fingerprint()),
                () -> assertEquals(abc, ContentHash.of(new ByteArrayInputStream("abc".getBytes(UTF_8)))),
                () -> assertNotEquals(abc, ContentHash.of("abd".getBytes(UTF_8))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0", "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0="})
    void rejectsValuesThatAreNotAHash(String value) {
        assertThrows(IllegalArgumentException.class, () -> new ContentHash(value));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
            "css/portico.css,        css/portico.{f}.css",
            "portico.css,            portico.{f}.css",
            "js/vendor/app.min.js,   js/vendor/app.min.{f}.js",
            "img/logo-dark_2x.svg,   img/logo-dark_2x.{f}.svg",
    })
    void formatsAndParsesFingerprintedNames(String logicalPath, String pattern) {
        FingerprintedName name = FingerprintedName.of(logicalPath, HASH);
        String formatted = pattern.replace("{f}", HASH.fingerprint());
        assertAll(
                () -> assertEquals(formatted, name.toString()),
                () -> assertEquals(logicalPath, name.logicalPath()),
                () -> assertEquals(Optional.of(name), FingerprintedName.parse(formatted)),
                () -> assertTrue(name.matches(HASH)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "css/portico.css", "/css/portico.AbCdEf012345.css", "../portico.AbCdEf012345.css",
            "css/../portico.AbCdEf012345.css", "css//portico.AbCdEf012345.css", "css/.portico.AbCdEf012345.css",
            "css\\portico.AbCdEf012345.css", "css/portico.AbCdEf01234.css", "css/portico.AbCdEf0123456.css",
            "css/portico.AbCdEf012345.", "css/.AbCdEf012345.css", "css/portico.Ab+dEf012345.css",
            "css/portico.AbCdEf012345.css?x", "css/portico%2eAbCdEf012345.css"})
    void parseRejectsWhatIsNotAFingerprintedName(String text) {
        assertEquals(Optional.empty(), FingerprintedName.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "portico", "/css/portico.css", "css/../x.css", "./x.css", "css/.hidden", "css/x.",
            "c ss/x.css", "css/x.c-s"})
    void rejectsInvalidLogicalPathsWithAnExample(String logicalPath) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FingerprintedName.of(logicalPath, HASH));
        assertTrue(e.getMessage().contains("e.g. 'css/portico.css'"), e.getMessage());
    }
}
