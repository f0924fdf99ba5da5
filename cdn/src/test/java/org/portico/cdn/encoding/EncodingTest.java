package org.portico.cdn.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodingTest {

    private static final Set<ContentEncoding> BOTH = EnumSet.of(ContentEncoding.BROTLI, ContentEncoding.GZIP);

    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "gzip, deflate, br, zstd       | BROTLI",
            "gzip, deflate                 | GZIP",
            "br;q=0.5, gzip                | GZIP",
            "BR, GZIP                      | BROTLI",
            "x-gzip                        | GZIP",
            "*                             | BROTLI",
            "*;q=0, gzip;q=0.1             | GZIP",
            "identity                      | IDENTITY",
            "br;q=0, gzip;q=0              | IDENTITY",
            "br;q=x                        | BROTLI",
            "br;q=2, gzip;q=0.9            | BROTLI",
            "deflate                       | IDENTITY",
            "' , ;q=1, gzip'               | GZIP",
    })
    void choosesTheBestAcceptedCoding(String field, ContentEncoding expected) {
        assertEquals(expected, AcceptEncoding.parse(List.of(field)).choose(BOTH));
    }

    @Test
    void withoutTheFieldOnlyIdentity() {
        assertEquals(ContentEncoding.IDENTITY, AcceptEncoding.parse(List.of()).choose(BOTH));
    }

    @Test
    void anOversizedFieldCountsAsNone() {
        String huge = "gzip, " + "x".repeat(AcceptEncoding.MAX_FIELD_LENGTH);
        assertEquals(ContentEncoding.IDENTITY, AcceptEncoding.parse(List.of(huge)).choose(BOTH));
    }

    @Test
    void onlyWhatIsAvailable() {
        AcceptEncoding accept = AcceptEncoding.parse(List.of("br, gzip"));
        assertEquals(ContentEncoding.GZIP, accept.choose(EnumSet.of(ContentEncoding.GZIP)));
        assertEquals(ContentEncoding.IDENTITY, accept.choose(Set.of()));
    }

    @Test
    void fieldLinesAddUp() {
        assertEquals(ContentEncoding.BROTLI, AcceptEncoding.parse(List.of("gzip", "br")).choose(BOTH));
    }

    @Test
    void compressesTextBothWaysAndBackExactly() throws IOException {
        byte[] css = ".portico { color: #123456; }\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        assertTrue(Compression.brotliAvailable(), "brotli4j's native encoder is on the test class path");

        byte[] gzip = Compression.compress(css, ContentEncoding.GZIP).orElseThrow();
        assertTrue(gzip.length < css.length / 10, "gzip " + gzip.length + " of " + css.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            assertArrayEquals(css, in.readAllBytes());
        }

        byte[] brotli = Compression.compress(css, ContentEncoding.BROTLI).orElseThrow();
        assertTrue(brotli.length <= gzip.length, "brotli " + brotli.length + " vs gzip " + gzip.length);
        var decoded = Decoder.decompress(brotli);
        assertEquals(DecoderJNI.Status.DONE, decoded.getResultStatus());
        assertArrayEquals(css, decoded.getDecompressedData());
    }

    @Test
    void leavesSmallOrIncompressibleContentAlone() {
        assertTrue(Compression.compress("tiny".getBytes(StandardCharsets.UTF_8), ContentEncoding.GZIP).isEmpty());
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        assertTrue(Compression.compress(noise, ContentEncoding.GZIP).isEmpty(), "random bytes do not shrink by 5 %");
        assertTrue(Compression.compress(noise, ContentEncoding.BROTLI).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"css/portico.css, true", "js/tile.js, true", "img/logo.svg, true", "fonts/x.woff2, false",
            "fonts/x.woff, false", "img/a.png, false", "fonts/primeicons.ttf, true", "README, false"})
    void compressesOnlyTypesThatShrink(String name, boolean expected) {
        assertEquals(expected, Compression.worthCompressing(name));
    }
}
